package io.qdranthybrid.platform.environment;

/** No environment with this id is registered. */
public final class UnknownEnvironmentException extends IllegalArgumentException {

    public UnknownEnvironmentException(String environmentId) {
        super("no hybrid environment with id " + environmentId + " is registered");
    }
}
