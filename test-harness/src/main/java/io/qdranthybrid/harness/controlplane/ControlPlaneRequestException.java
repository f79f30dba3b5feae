package io.qdranthybrid.harness.controlplane;

/**
 * A request the control plane refuses, with the HTTP status its REST API answers and a message a user can act on.
 * The Java API throws the same exceptions, so tests and the console see the same errors.
 */
public abstract sealed class ControlPlaneRequestException extends RuntimeException
        permits InvalidRequestException, NotFoundException, ConflictException, UnprocessableRequestException,
        AgentReadException {

    protected ControlPlaneRequestException(String message) {
        super(message);
    }

    /** The HTTP status of this refusal: 400, 404, 409 or 422; 502, 503 or 504 when the agent could not answer a read. */
    public abstract int httpStatus();
}
