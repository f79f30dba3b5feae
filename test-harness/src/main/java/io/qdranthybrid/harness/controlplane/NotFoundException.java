package io.qdranthybrid.harness.controlplane;

/** The request names an environment, cluster, backup or schedule that does not exist: HTTP 404. */
public final class NotFoundException extends ControlPlaneRequestException {

    public NotFoundException(String message) {
        super(message);
    }

    @Override
    public int httpStatus() {
        return 404;
    }
}
