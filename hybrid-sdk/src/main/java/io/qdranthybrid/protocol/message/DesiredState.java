package io.qdranthybrid.protocol.message;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The desired state at {@code revision}. A {@link DesiredStateMode#SNAPSHOT} lists every resource; a
 * {@link DesiredStateMode#DELTA} lists the resources changed after {@code baseRevision} (0 for a snapshot).
 *
 * @param unsupported resources of kinds this side does not know (decoded from a newer peer); refused one by one
 * @param withheld    resources the control plane could not send because one alone exceeds the frame limit: the agent
 *                    leaves them as they are (a snapshot does not delete them) and refuses them as TOO_LARGE
 */
public record DesiredState(long revision, DesiredStateMode mode, long baseRevision,
                           List<DesiredResource> resources, List<UnsupportedResource> unsupported,
                           List<ResourceKey> withheld)
        implements ControlPlaneMessage {

    public DesiredState(long revision, DesiredStateMode mode, long baseRevision, List<DesiredResource> resources) {
        this(revision, mode, baseRevision, resources, List.of());
    }

    public DesiredState(long revision, DesiredStateMode mode, long baseRevision, List<DesiredResource> resources,
                        List<UnsupportedResource> unsupported) {
        this(revision, mode, baseRevision, resources, unsupported, List.of());
    }

    public DesiredState {
        Require.positive(revision, "revision");
        Require.present(mode, "mode");
        Require.nonNegative(baseRevision, "baseRevision");
        resources = Require.listOf(resources, "resources");
        unsupported = unsupported == null ? List.of() : Require.listOf(unsupported, "unsupported");
        withheld = withheld == null ? List.of() : Require.listOf(withheld, "withheld");
        if (mode == DesiredStateMode.SNAPSHOT && baseRevision != 0) {
            throw new IllegalArgumentException("a snapshot has no baseRevision but got " + baseRevision);
        }
        if (mode == DesiredStateMode.DELTA && baseRevision >= revision) {
            throw new IllegalArgumentException("delta baseRevision " + baseRevision + " must be below revision " + revision);
        }
        Set<ResourceKey> seen = new HashSet<>();
        for (DesiredResource resource : resources) {
            if (resource.revision() > revision) {
                throw new IllegalArgumentException(resource.key() + " has revision " + resource.revision()
                        + " above the desired-state revision " + revision);
            }
            if (!seen.add(resource.key())) {
                throw new IllegalArgumentException(resource.key() + " is listed twice");
            }
        }
        for (ResourceKey key : withheld) {
            if (seen.contains(key)) {
                throw new IllegalArgumentException(key + " is both sent and withheld");
            }
        }
        for (UnsupportedResource resource : unsupported) {
            if (resource.revision() > revision) {
                throw new IllegalArgumentException(resource + " has revision " + resource.revision()
                        + " above the desired-state revision " + revision);
            }
        }
    }

    public static DesiredState snapshot(long revision, List<DesiredResource> resources) {
        return new DesiredState(revision, DesiredStateMode.SNAPSHOT, 0, resources);
    }

    public static DesiredState delta(long baseRevision, long revision, List<DesiredResource> resources) {
        return new DesiredState(revision, DesiredStateMode.DELTA, baseRevision, resources);
    }

    /** The same state restricted to {@code kept}, e.g. without the resources an agent already applied. */
    public DesiredState withResources(List<DesiredResource> kept) {
        return new DesiredState(revision, mode, baseRevision, kept, unsupported, withheld);
    }

    /** The same revision, mode and base with other contents: one part of a state split across frames, say. */
    public DesiredState withContents(List<DesiredResource> kept, List<UnsupportedResource> keptUnsupported,
                                     List<ResourceKey> keptWithheld) {
        return new DesiredState(revision, mode, baseRevision, kept, keptUnsupported, keptWithheld);
    }

    @Override
    public MessageType type() {
        return MessageType.DESIRED_STATE;
    }
}
