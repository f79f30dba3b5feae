package io.qdranthybrid.platform.environment;

/** A rolled-up phase with a message that says why, for a human. */
public record EnvironmentHealth(EnvironmentPhase phase, String message) {

    public EnvironmentHealth {
        if (phase == null) {
            throw new IllegalArgumentException("phase is required");
        }
        message = message == null ? "" : message;
    }
}
