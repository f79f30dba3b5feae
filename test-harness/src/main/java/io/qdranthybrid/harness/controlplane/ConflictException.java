package io.qdranthybrid.harness.controlplane;

/** The request is well formed but clashes with the current state (a cluster id taken, clusters left): HTTP 409. */
public final class ConflictException extends ControlPlaneRequestException {

    public ConflictException(String message) {
        super(message);
    }

    @Override
    public int httpStatus() {
        return 409;
    }
}
