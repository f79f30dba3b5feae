package io.qdranthybrid.harness.controlplane;

/**
 * The request is well formed but asks for something the control plane does not offer, such as a Qdrant version that
 * is not in the release catalogue or is unavailable: HTTP 422, with a message naming what is offered.
 */
public final class UnprocessableRequestException extends ControlPlaneRequestException {

    public UnprocessableRequestException(String message) {
        super(message);
    }

    @Override
    public int httpStatus() {
        return 422;
    }
}
