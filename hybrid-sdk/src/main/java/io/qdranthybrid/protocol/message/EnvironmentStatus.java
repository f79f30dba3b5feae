package io.qdranthybrid.protocol.message;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the agent observes about the Kubernetes environment it runs in.
 *
 * @param kubernetesDistribution e.g. {@code K3S}, {@code OPENSHIFT}, {@code AWS}; free text so new ones need no release
 * @param nodeCount              null when unknown (the agent may not list nodes), which is not the same as 0
 * @param prerequisites          the agent's prerequisites check (run at its start), empty from an agent that has none
 *                               yet or from an older agent
 */
public record EnvironmentStatus(String kubernetesVersion, String kubernetesDistribution, Integer nodeCount,
                                NodeCapacity capacity, List<String> storageClasses,
                                List<String> volumeSnapshotClasses, List<ComponentStatus> components,
                                Instant observedAt, List<PrerequisiteCheck> prerequisites) implements AgentMessage {

    /** Without prerequisites: what agents reported before the check existed. */
    public EnvironmentStatus(String kubernetesVersion, String kubernetesDistribution, Integer nodeCount,
                             NodeCapacity capacity, List<String> storageClasses, List<String> volumeSnapshotClasses,
                             List<ComponentStatus> components, Instant observedAt) {
        this(kubernetesVersion, kubernetesDistribution, nodeCount, capacity, storageClasses, volumeSnapshotClasses,
                components, observedAt, List.of());
    }

    public EnvironmentStatus {
        kubernetesVersion = Require.orEmpty(kubernetesVersion);
        kubernetesDistribution = Require.orEmpty(kubernetesDistribution);
        if (nodeCount != null) {
            Require.nonNegative(nodeCount, "nodeCount");
        }
        Require.present(capacity, "capacity");
        storageClasses = Require.listOf(storageClasses, "storageClasses");
        volumeSnapshotClasses = Require.listOf(volumeSnapshotClasses, "volumeSnapshotClasses");
        components = Require.listOf(components, "components");
        Require.present(observedAt, "observedAt");
        prerequisites = prerequisites == null ? List.of() : List.copyOf(prerequisites);
    }

    public EnvironmentStatus withPrerequisites(List<PrerequisiteCheck> checks) {
        return new EnvironmentStatus(kubernetesVersion, kubernetesDistribution, nodeCount, capacity, storageClasses,
                volumeSnapshotClasses, components, observedAt, checks);
    }

    public Optional<Integer> nodeCountIfKnown() {
        return Optional.ofNullable(nodeCount);
    }

    @Override
    public MessageType type() {
        return MessageType.ENVIRONMENT_STATUS;
    }
}
