package io.qdranthybrid.protocol.message;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of resources the control plane manages through the agent, with their wire names. */
public enum ResourceKind {
    CLUSTER("clusters"),
    SNAPSHOT("snapshots"),
    SCHEDULE("schedules"),
    RESTORE("restores"),
    ENTITY("entities"),
    COMPONENT_RELEASE("component-releases"),
    /** A Qdrant version clusters may run (QdrantRelease), published from the control plane's release catalogue. */
    QDRANT_RELEASE("qdrant-releases");

    private final String wireName;

    ResourceKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<ResourceKind> fromWireName(String wireName) {
        return Arrays.stream(values()).filter(k -> k.wireName.equals(wireName)).findFirst();
    }
}
