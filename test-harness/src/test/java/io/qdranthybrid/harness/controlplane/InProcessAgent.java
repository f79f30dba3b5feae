package io.qdranthybrid.harness.controlplane;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdranthybrid.agent.CloudAgent;
import io.qdranthybrid.harness.cluster.SimulatedCluster;
import io.qdranthybrid.harness.kube.ApiCall;
import io.qdranthybrid.protocol.session.BackoffPolicy;

import java.time.Duration;
import java.util.List;

/**
 * The SDK's real cloud agent in a namespace of a simulated cluster, dialling a simulated control plane through its
 * WebSocket, with short reconnect delays and environment reports so tests play out in seconds.
 */
final class InProcessAgent implements AutoCloseable {

    /** The agent's client identifies itself so, which tells its API calls apart in the request journal. */
    static final String USER_AGENT = "qdrant-cloud-agent";
    private static final BackoffPolicy FAST_RECONNECT = new BackoffPolicy(Duration.ofMillis(50), Duration.ofMillis(300),
            Duration.ofSeconds(30), Duration.ofMillis(100), Duration.ofSeconds(1));

    private final SimulatedCluster cluster;
    private final String namespace;
    private final KubernetesClient client;
    private final CloudAgent agent;

    private InProcessAgent(SimulatedCluster cluster, String namespace, KubernetesClient client, CloudAgent agent) {
        this.cluster = cluster;
        this.namespace = namespace;
        this.client = client;
        this.agent = agent;
    }

    /** Issues a fresh access key for the environment and starts an agent with it in the environment's namespace. */
    static InProcessAgent start(SimulatedControlPlane controlPlane, SimulatedCluster cluster, String environmentId) {
        return start(controlPlane, cluster, environmentId, Duration.ofSeconds(30));
    }

    /** Also scrapes the simulated Qdrant nodes' metrics every {@code metricsScrape}. */
    static InProcessAgent start(SimulatedControlPlane controlPlane, SimulatedCluster cluster, String environmentId,
                                Duration metricsScrape) {
        AgentCredentials credentials = controlPlane.environments().issueAccessKey(environmentId);
        KubernetesClient client = cluster.newClient(credentials.namespace(), USER_AGENT);
        CloudAgent agent = CloudAgent.builder(client, credentials.namespace(),
                        credentials.connectionSettings("test").backoff(FAST_RECONNECT).build())
                .environmentIntervals(Duration.ofMillis(200), Duration.ofSeconds(5))
                .shutdownTimeout(Duration.ofSeconds(2))
                .metricsScrape(metricsScrape, 3)
                .qdrantNodeAddresses((namespace, clusterId, ordinal, tls) -> cluster.qdrantEndpoint(namespace,
                        "qdrant-" + clusterId + "-" + ordinal).orElse(java.net.URI.create("http://127.0.0.1:9")))
                .build();
        agent.start();
        return new InProcessAgent(cluster, credentials.namespace(), client, agent);
    }

    CloudAgent agent() {
        return agent;
    }

    /**
     * The agent's successful writes to {@code resource} (a plural) in its namespace, status excluded. By namespace, not
     * name: a create is a POST to the collection and names no object.
     */
    long writes(String resource) {
        List<ApiCall> calls = cluster.api().journal().writeCalls();
        return calls.stream().filter(call -> call.succeeded() && call.from(USER_AGENT)
                && resource.equals(call.resource()) && namespace.equals(call.namespace())
                && call.subresource() == null).count();
    }

    @Override
    public void close() {
        agent.close();
        client.close();
    }
}
