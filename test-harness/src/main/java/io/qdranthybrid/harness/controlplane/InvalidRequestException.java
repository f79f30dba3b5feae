package io.qdranthybrid.harness.controlplane;

/** The request itself is wrong (a size out of range, a malformed version, a missing field): HTTP 400. */
public final class InvalidRequestException extends ControlPlaneRequestException {

    public InvalidRequestException(String message) {
        super(message);
    }

    @Override
    public int httpStatus() {
        return 400;
    }
}
