package io.qdranthybrid.platform.session;

import io.qdranthybrid.protocol.codec.DecodeResult;
import io.qdranthybrid.protocol.codec.MessageCodec;
import io.qdranthybrid.protocol.message.ControlPlaneMessage;
import io.qdranthybrid.protocol.message.Envelope;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The thinnest adapter: an {@link AgentSession} over a list. Tests and the benchmark play the agent by feeding frames
 * to the session and reading what it sent here.
 */
public final class InMemoryTransport implements SessionTransport {

    private static final MessageCodec CODEC = new MessageCodec(64 * 1024 * 1024);

    public final List<String> sent = new CopyOnWriteArrayList<>();
    public volatile int closeCode;
    public volatile String closeReason;
    /** What {@link #remoteAddress()} answers; null for none. */
    public volatile String remoteAddress;
    /** When false, {@link #send} drops frames (and keeps nothing), e.g. for the benchmark. */
    public volatile boolean record = true;

    @Override
    public boolean send(String text) {
        if (record) {
            sent.add(text);
        }
        return true;
    }

    @Override
    public void close(int code, String reason) {
        closeCode = code;
        closeReason = reason;
    }

    @Override
    public java.util.Optional<String> remoteAddress() {
        return java.util.Optional.ofNullable(remoteAddress);
    }

    public boolean closed() {
        return closeCode != 0;
    }

    public List<Envelope<ControlPlaneMessage>> envelopes() {
        return sent.stream().map(text -> {
            DecodeResult<ControlPlaneMessage> result = CODEC.decodeFromControlPlane(text);
            if (result instanceof DecodeResult.Decoded<ControlPlaneMessage> decoded) {
                return decoded.envelope();
            }
            throw new AssertionError("the session sent an undecodable frame: " + result);
        }).toList();
    }

    public <T extends ControlPlaneMessage> List<T> messagesOf(Class<T> type) {
        return envelopes().stream().map(Envelope::message).filter(type::isInstance).map(type::cast).toList();
    }
}
