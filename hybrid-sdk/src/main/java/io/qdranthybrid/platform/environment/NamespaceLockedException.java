package io.qdranthybrid.platform.environment;

/** The namespace of an environment cannot change once its bootstrap commands were generated. */
public final class NamespaceLockedException extends IllegalStateException {

    public NamespaceLockedException(String environmentId, String namespace, String requested) {
        super("environment " + environmentId + " was bootstrapped into namespace " + namespace
                + "; it cannot move to " + requested + ". Create a new environment for another namespace");
    }
}
