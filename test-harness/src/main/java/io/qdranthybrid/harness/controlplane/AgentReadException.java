package io.qdranthybrid.harness.controlplane;

/**
 * A read on request (logs, Kubernetes events) the agent could not give: not connected (503, saying since when),
 * no answer in time (504), or its answer was an error the user cannot fix by changing the request (502).
 */
public final class AgentReadException extends ControlPlaneRequestException {

    private final int status;

    AgentReadException(int status, String message) {
        super(message);
        this.status = status;
    }

    @Override
    public int httpStatus() {
        return status;
    }
}
