package io.qdranthybrid.platform.desired;

/** Desired resources of an environment must live in the environment's namespace: the agent may write nowhere else. */
public final class ForbiddenNamespaceException extends IllegalArgumentException {

    public ForbiddenNamespaceException(String environmentId, String namespace, String requested) {
        super("environment " + environmentId + " manages namespace " + namespace + " only; a resource in namespace "
                + requested + " would be rejected by its agent");
    }
}
