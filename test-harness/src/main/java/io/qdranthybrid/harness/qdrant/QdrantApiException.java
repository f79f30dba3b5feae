package io.qdranthybrid.harness.qdrant;

/** A request the simulated node refuses, with the HTTP status and Qdrant-like message it answers. */
public final class QdrantApiException extends RuntimeException {

    private final int httpStatus;

    public QdrantApiException(int httpStatus, String message) {
        super(message);
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
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
