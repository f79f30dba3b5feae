package io.qdranthybrid.protocol.message;

/** One component installed in the environment; {@code version} and {@code message} may be empty. */
public record ComponentStatus(String name, String namespace, String version, ComponentPhase phase, String message) {

    /** The name under which the agent reports itself among the components. */
    public static final String AGENT = "qdrant-cloud-agent";

    public ComponentStatus {
        Require.nonBlank(name, "component name");
        namespace = Require.orEmpty(namespace);
        version = Require.orEmpty(version);
        Require.present(phase, "component phase");
        message = Require.orEmpty(message);
    }
}
