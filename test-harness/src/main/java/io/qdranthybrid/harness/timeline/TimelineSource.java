package io.qdranthybrid.harness.timeline;

import com.fasterxml.jackson.annotation.JsonValue;

/** Who observed or caused a timeline event. */
public enum TimelineSource {
    /** A change the control plane recorded (cluster created, scaled, backup requested...). */
    CONTROL_PLANE("control-plane"),
    /** The environment's status as the control plane rolls it up from the agent's reports. */
    ENVIRONMENT("environment"),
    /** A qdrant.io custom resource changed phase in the cluster. */
    RESOURCE("resource"),
    /** A pod became ready or stopped being ready. */
    POD("pod"),
    /** The agent's connection to the control plane, and agent restarts. */
    AGENT("agent"),
    /** Operator starts and restarts. */
    OPERATOR("operator"),
    /** A fault the test injected. */
    FAULT("fault"),
    /** A mark the test wrote itself. */
    TEST("test");

    private final String label;

    TimelineSource(String label) {
        this.label = label;
    }

    /** How the source is written in the JSON timeline and in progress output. */
    @JsonValue
    public String label() {
        return label;
    }
}
