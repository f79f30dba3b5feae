package io.qdranthybrid.samples.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.crd.QdrantClusterSpec;
import io.qdranthybrid.crd.Resources;
import io.qdranthybrid.platform.access.AccessKeys;
import io.qdranthybrid.platform.bootstrap.BootstrapCommandGenerator;
import io.qdranthybrid.platform.bootstrap.BootstrapCommands;
import io.qdranthybrid.platform.bootstrap.BootstrapSettings;
import io.qdranthybrid.platform.desired.DesiredStateStores;
import io.qdranthybrid.platform.environment.Environment;
import io.qdranthybrid.platform.environment.EnvironmentConfiguration;
import io.qdranthybrid.platform.environment.EnvironmentHealth;
import io.qdranthybrid.platform.environment.EnvironmentRegistry;
import io.qdranthybrid.platform.environment.EnvironmentStatusRollup;
import io.qdranthybrid.protocol.message.ResourceKind;
import jakarta.inject.Singleton;

import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The platform's own product logic on top of the SDK: register a customer's environment, hand out the commands that
 * install the agent there, and turn "I want a 3-node cluster" into desired state the agent applies.
 */
@Singleton
public final class Onboarding {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EnvironmentRegistry environments;
    private final AccessKeys accessKeys;
    private final DesiredStateStores desiredState;
    private final ReportedStatuses statuses;
    private final EnvironmentStatusRollup rollup = new EnvironmentStatusRollup(Clock.systemUTC());

    public Onboarding(EnvironmentRegistry environments, AccessKeys accessKeys, DesiredStateStores desiredState,
                      ReportedStatuses statuses) {
        this.environments = environments;
        this.accessKeys = accessKeys;
        this.desiredState = desiredState;
        this.statuses = statuses;
    }

    public Environment register(String name, String namespace) {
        return environments.create(name, namespace, EnvironmentConfiguration.defaults());
    }

    /** Issues the environment's access key and the commands a platform engineer runs in their cluster. */
    public BootstrapCommands bootstrap(String environmentId, URI agentUrl) {
        BootstrapSettings settings = new BootstrapSettings(agentUrl, "oci://registry.example.com/charts",
                "qdrant-hybrid-agent", "0.1.0", "registry.example.com/qdrant-hybrid", "hybrid-agent", null);
        return new BootstrapCommandGenerator(environments, accessKeys, settings, Clock.systemUTC())
                .generate(environmentId);
    }

    /** Asks for a cluster; the agent turns it into a QdrantCluster in the environment's namespace. */
    public long createCluster(String environmentId, String clusterId, int nodes, String version) {
        Environment environment = environments.require(environmentId);
        return desiredState.forEnvironment(environmentId)
                .put(ResourceKind.CLUSTER, "qdrant-" + clusterId, clusterManifest(environment.namespace(), clusterId,
                        nodes, version));
    }

    public EnvironmentHealth health(String environmentId) {
        return rollup.rollUp(environments.require(environmentId));
    }

    /** The cluster's phase as the agent last reported it. */
    public Optional<String> clusterPhase(String environmentId, String clusterId) {
        return statuses.of(environmentId).stream()
                .filter(status -> status.key().kind() == ResourceKind.CLUSTER
                        && status.key().name().equals("qdrant-" + clusterId))
                .map(status -> status.status().path("phase").asText(""))
                .filter(phase -> !phase.isEmpty())
                .findFirst();
    }

    static JsonNode clusterManifest(String namespace, String clusterId, int nodes, String version) {
        QdrantCluster cluster = new QdrantCluster();
        cluster.setMetadata(new ObjectMetaBuilder().withName("qdrant-" + clusterId).withNamespace(namespace)
                .withLabels(Map.of("cluster-id", clusterId)).build());
        QdrantClusterSpec spec = new QdrantClusterSpec();
        spec.setId(clusterId);
        spec.setSize(nodes);
        spec.setVersion(version);
        Resources resources = new Resources();
        resources.setCpu("500m");
        resources.setMemory("1Gi");
        resources.setStorage("10Gi");
        spec.setResources(resources);
        cluster.setSpec(spec);
        return JSON.valueToTree(cluster);
    }
}
