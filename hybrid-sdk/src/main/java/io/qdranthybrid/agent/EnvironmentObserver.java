package io.qdranthybrid.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.qdranthybrid.agent.doctor.ClusterReads;
import io.qdranthybrid.protocol.message.ComponentPhase;
import io.qdranthybrid.protocol.message.ComponentStatus;
import io.qdranthybrid.protocol.message.EnvironmentStatus;
import io.qdranthybrid.protocol.message.NodeCapacity;
import io.qdranthybrid.protocol.message.PrerequisiteCheck;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Reads what the control plane wants to know about the environment. Every read stands alone: one the agent's RBAC
 * forbids (cluster-scoped nodes, storage classes) leaves its part empty (the node count unknown rather than 0) and is
 * named in the message of the agent's own component entry, instead of failing the whole report.
 */
final class EnvironmentObserver {

    /** The agent reports itself as a component; its message lists what it could not read. */
    static final String AGENT_COMPONENT = "qdrant-cloud-agent";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FORBIDDEN = ", forbidden by RBAC";
    /** How to grant the optional cluster-wide reads (deploy/README.md, "Optional cluster read"). */
    static final String GRANT_CLUSTER_READ = "to report them, grant the agent read access to nodes, storage classes "
            + "and volume snapshot classes: the Kustomize component deploy/kustomize/components/agent-cluster-read, "
            + "or clusterRead.enabled=true in the agent's Helm chart";

    private final KubernetesClient client;
    private final String namespace;
    private final String agentVersion;
    private final ExpectedComponents expected;
    private final ServedKinds servedKinds;
    private final Clock clock;
    private final Supplier<List<PrerequisiteCheck>> prerequisites;

    EnvironmentObserver(KubernetesClient client, String namespace, String agentVersion, ExpectedComponents expected,
                        ServedKinds servedKinds, Clock clock, Supplier<List<PrerequisiteCheck>> prerequisites) {
        this.prerequisites = prerequisites;
        this.client = client;
        this.servedKinds = servedKinds;
        this.namespace = namespace;
        this.agentVersion = agentVersion;
        this.expected = expected;
        this.clock = clock;
    }

    EnvironmentStatus observe() {
        List<String> unreadable = new ArrayList<>();
        String version = read("the Kubernetes version", unreadable, () -> client.getKubernetesVersion().getGitVersion(), "");
        // Null when unreadable: the node count is then unknown, not 0.
        List<Node> nodes = read("nodes", unreadable, () -> client.nodes().list().getItems(), null);
        List<Node> knownNodes = nodes == null ? List.of() : nodes;
        List<String> storageClasses = read("storage classes", unreadable,
                () -> names(client.storage().v1().storageClasses().list().getItems()), List.of());
        List<String> snapshotClasses = read("volume snapshot classes", unreadable,
                () -> names(client.genericKubernetesResources(ClusterReads.VOLUME_SNAPSHOT_CLASSES).list().getItems()), List.of());
        boolean openShift = read("API groups", unreadable,
                () -> client.getApiGroups().getGroups().stream().anyMatch(g -> "config.openshift.io".equals(g.getName())),
                false);
        // A CRD installed since the last look is picked up here; nothing is asked while every kind is served.
        boolean releasesServed = servedKinds.refreshIfIncomplete().contains(ManagedKind.HELM_RELEASE);
        List<JsonNode> releases = !releasesServed ? List.of() : read("HelmReleases", unreadable,
                () -> client.genericKubernetesResources(ManagedKind.HELM_RELEASE.context()).inNamespace(namespace)
                        .list().getItems().stream().map(r -> JSON.<JsonNode>valueToTree(r)).toList(), List.of());

        NodeCapacity capacity = NodeCapacities.sum(knownNodes.stream()
                .map(n -> n.getStatus() == null ? null : n.getStatus().getCapacity()).filter(Objects::nonNull).toList());
        String distribution = KubernetesDistributions.guess(version,
                knownNodes.stream().map(n -> n.getSpec() == null ? null : n.getSpec().getProviderID()).toList(), openShift);
        List<ComponentStatus> components = new ArrayList<>(releasesServed
                ? ComponentStatuses.of(namespace, expected.names(), releases)
                : ComponentStatuses.unavailable(namespace, expected.names(), ServedKinds.notServed(ManagedKind.HELM_RELEASE)));
        String message = unreadable.isEmpty() ? "" : "could not read " + String.join(", ", unreadable)
                + "; reporting what is known" + (unreadable.stream().anyMatch(u -> u.contains(FORBIDDEN))
                ? "; " + GRANT_CLUSTER_READ : "");
        components.add(0, new ComponentStatus(AGENT_COMPONENT, namespace, agentVersion, ComponentPhase.READY, message));
        return new EnvironmentStatus(version, distribution, nodes == null ? null : nodes.size(), capacity,
                storageClasses, snapshotClasses,
                components, clock.instant(), prerequisites.get());
    }

    private static <T> T read(String what, List<String> unreadable, Supplier<T> reader, T fallback) {
        try {
            T value = reader.get();
            return value == null ? fallback : value;
        } catch (KubernetesClientException e) {
            String why = e.getCode() == 403 ? FORBIDDEN : e.getCode() == 404 ? ", API not installed" : "";
            unreadable.add(what + " (HTTP " + e.getCode() + why + ")");
            return fallback;
        }
    }

    private static List<String> names(List<? extends HasMetadata> objects) {
        return objects.stream().map(o -> o.getMetadata().getName()).sorted().toList();
    }
}
