package io.qdranthybrid.harness.controlplane;

import io.qdranthybrid.platform.environment.EnvironmentPhase;
import io.qdranthybrid.protocol.message.ComponentStatus;
import io.qdranthybrid.protocol.message.PrerequisiteCheck;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * A hybrid cloud environment as a user sees it: its settings, the phase rolled up from what its agent last reported
 * (with why), whether the agent is connected now, and the Kubernetes facts the agent observed.
 *
 * @param lastContactAt        when the agent was last heard from, null if never
 * @param nodeCount            Kubernetes nodes the agent counted; null when not reported or not readable (RBAC)
 * @param desiredRevision      the latest desired-state revision of the environment
 * @param acknowledgedRevision the highest revision the connected agent confirmed, 0 when not connected
 * @param agentConnection      the agent's connection as this control plane saw it last: {@code CONNECTED},
 *                             {@code DISCONNECTED}, {@code REFUSED} (it dials in, its Hello is refused: a rotated or
 *                             wrong key, say) or {@code NEVER_CONNECTED} (not since this control plane started)
 * @param agentConnectionSince when that became true, null for {@code NEVER_CONNECTED}
 * @param agentConnectionDetail why, for a human: the refusal (reason and what to do) or how the connection ended;
 *                             empty while connected
 * @param prerequisites        the agent's prerequisites check as last reported, failed first, then warned, then passed
 */
public record EnvironmentView(String id, String name, String namespace, EnvironmentPhase phase, String phaseMessage,
                              boolean connected, boolean bootstrapped, Instant createdAt, Instant lastContactAt,
                              String kubernetesVersion, String kubernetesDistribution, Integer nodeCount,
                              List<ComponentStatus> components, List<String> storageClasses,
                              List<String> volumeSnapshotClasses, long desiredRevision, long acknowledgedRevision,
                              String agentConnection, Instant agentConnectionSince, String agentConnectionDetail,
                              List<PrerequisiteCheck> prerequisites) {

    public EnvironmentView {
        components = List.copyOf(components);
        storageClasses = List.copyOf(storageClasses);
        volumeSnapshotClasses = List.copyOf(volumeSnapshotClasses);
        // What needs doing first; the sort is stable, so checks of one verdict keep the agent's order.
        prerequisites = prerequisites.stream().sorted(Comparator.comparing(PrerequisiteCheck::verdict)).toList();
    }
}
