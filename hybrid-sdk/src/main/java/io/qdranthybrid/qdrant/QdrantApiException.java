package io.qdranthybrid.qdrant;

/** A Qdrant node answered with an error, or could not be reached. */
public class QdrantApiException extends RuntimeException {

    private final int statusCode;

    public QdrantApiException(int statusCode, String message) {
        super(message);
        this.statusCode = statusCode;
    }

    public QdrantApiException(String message, Throwable cause) {
        super(message, cause);
        this.statusCode = -1;
    }

    /** The HTTP status, or -1 when the node could not be reached. */
    public int statusCode() {
        return statusCode;
    }

    /** True when the node did not answer at all (connection refused, timeout). */
    public boolean unreachable() {
        return statusCode < 0;
    }
}
