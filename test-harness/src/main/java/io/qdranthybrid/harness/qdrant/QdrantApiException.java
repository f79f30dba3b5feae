package io.qdranthybrid.harness.qdrant;

/** A request the simulated node refuses, with the HTTP status and Qdrant-like message it answers. */
public final class QdrantApiException extends RuntimeException {

    private final int httpStatus;
    private final boolean plainText;

    public QdrantApiException(int httpStatus, String message) {
        this(httpStatus, message, false);
    }

    private QdrantApiException(int httpStatus, String message, boolean plainText) {
        super(message);
        this.httpStatus = httpStatus;
        this.plainText = plainText;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** True for answers Qdrant sends as plain text rather than its JSON envelope. */
    boolean plainText() {
        return plainText;
    }

    /**
     * An authentication refusal: Qdrant's auth middleware answers it as plain text, not in the JSON envelope
     * ({@code src/actix/auth.rs}).
     */
    static QdrantApiException authentication(int httpStatus, String message) {
        return new QdrantApiException(httpStatus, message, true);
    }

    static QdrantApiException badRequest(String description) {
        return new QdrantApiException(400, "Bad request: " + description);
    }

    static QdrantApiException notFound(String description) {
        return new QdrantApiException(404, "Not found: " + description);
    }

    static QdrantApiException collectionNotFound(String collection) {
        return notFound("Collection `" + collection + "` doesn't exist!");
    }

    static QdrantApiException noConsensus(String why) {
        return new QdrantApiException(500, "Service internal error: Failed to propose operation: " + why);
    }
}
