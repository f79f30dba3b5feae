package io.qdranthybrid.agent;

/** The marks the agent puts on every object it manages, and reads back to tell its objects from hand-made ones. */
public final class AgentLabels {

    /** Only objects carrying this label with {@link #MANAGED_BY_VALUE} are ever updated or deleted by the agent. */
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY_VALUE = "qdrant-cloud-agent";
    /** The desired-state revision of the resource the object was last applied from. */
    public static final String DESIRED_REVISION = "cloud.qdrant.io/desired-revision";
    /** Selects the agent's objects in list calls and informers. */
    public static final String MANAGED_SELECTOR = MANAGED_BY + "=" + MANAGED_BY_VALUE;

    private AgentLabels() {
    }

    public static boolean isManaged(io.fabric8.kubernetes.api.model.HasMetadata object) {
        var labels = object.getMetadata() == null ? null : object.getMetadata().getLabels();
        return labels != null && MANAGED_BY_VALUE.equals(labels.get(MANAGED_BY));
    }

    /** The revision recorded on the object, 0 when absent or unreadable. */
    public static long desiredRevision(io.fabric8.kubernetes.api.model.HasMetadata object) {
        var annotations = object.getMetadata() == null ? null : object.getMetadata().getAnnotations();
        String value = annotations == null ? null : annotations.get(DESIRED_REVISION);
        if (value == null) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(value));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
