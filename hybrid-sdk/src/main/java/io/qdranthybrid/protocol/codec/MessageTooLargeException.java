package io.qdranthybrid.protocol.codec;

/** An outgoing message would exceed the session's size limit; the sender must split or drop it. */
public final class MessageTooLargeException extends RuntimeException {

    private final long sizeBytes;
    private final int limitBytes;

    public MessageTooLargeException(String type, long sizeBytes, int limitBytes) {
        super(type + " message is " + sizeBytes + " bytes, above the limit of " + limitBytes
                + " bytes; send smaller batches");
        this.sizeBytes = sizeBytes;
        this.limitBytes = limitBytes;
    }

    public long sizeBytes() {
        return sizeBytes;
    }

    public int limitBytes() {
        return limitBytes;
    }
}
