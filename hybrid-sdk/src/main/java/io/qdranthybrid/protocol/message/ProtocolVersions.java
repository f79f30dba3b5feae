package io.qdranthybrid.protocol.message;

import java.util.List;

/** Protocol versions this SDK speaks; the envelope {@code v} and the handshake use them. */
public final class ProtocolVersions {

    public static final int V1 = 1;

    /** Versions this SDK can encode and decode, lowest first. */
    public static final List<Integer> SUPPORTED = List.of(V1);

    private ProtocolVersions() {
    }
}
