package io.qdranthybrid.protocol.codec;

/** Internal signal from the payload readers; the codec turns it into a {@link DecodeResult.Malformed}. */
final class MalformedPayloadException extends Exception {

    MalformedPayloadException(String reason) {
        super(reason, null, false, false);
    }
}
