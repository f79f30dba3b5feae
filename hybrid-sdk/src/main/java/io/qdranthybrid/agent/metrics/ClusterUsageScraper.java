package io.qdranthybrid.agent.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdranthybrid.protocol.message.MetricSample;
import io.qdranthybrid.protocol.message.TelemetryItem;
import io.qdranthybrid.qdrant.CollectionPlacement;
import io.qdranthybrid.qdrant.QdrantApiException;
import io.qdranthybrid.qdrant.QdrantClient;
import io.qdranthybrid.qdrant.ShardReplica;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.qdranthybrid.threads.SdkThreads;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Every interval, reads each QdrantCluster's nodes in the namespace ({@code /metrics}, shard placement, the pod's
 * limits and its volume's size) and the operator's Prometheus endpoint ({@link OperatorMetricsScraper}), reduces them
 * with {@link ClusterUsageReduction} and {@link OperatorMetricsReduction} and hands the samples on; while the control
 * plane is away the scrapes wait in a {@link UsageBacklog}. A node or an operator endpoint that cannot be read is
 * reported as such, never silently left out.
 */
public final class ClusterUsageScraper implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterUsageScraper.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final KubernetesClient client;
    private final String namespace;
    private final QdrantNodeAddresses addresses;
    private final Duration interval;
    private final Clock clock;
    private final Consumer<TelemetryItem> outbox;
    private final BooleanSupplier connected;
    private final UsageBacklog backlog;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final PrometheusEndpoint endpoint = new PrometheusEndpoint(http, TIMEOUT);
    private final OperatorMetricsScraper operator;
    private final ScheduledExecutorService scheduler;
    private volatile String lastFailure;

    /**
     * @param operatorMetrics the operator's Prometheus endpoint, read each interval too (its set waits in the backlog
     *                        under {@link MetricSample#ENVIRONMENT}); null to leave it out
     * @param outbox          where samples go once the control plane is there
     * @param connected       whether it is: until then scrapes wait, coalesced, in the backlog
     */
    public ClusterUsageScraper(KubernetesClient client, String namespace, QdrantNodeAddresses addresses,
                               URI operatorMetrics, Duration interval, int backlogPerCluster, Clock clock,
                               Consumer<TelemetryItem> outbox, BooleanSupplier connected) {
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("the metrics scrape interval must be positive but was " + interval);
        }
        this.client = client;
        this.namespace = namespace;
        this.addresses = addresses;
        this.interval = interval;
        this.clock = clock;
        this.outbox = outbox;
        this.connected = connected;
        this.backlog = new UsageBacklog(backlogPerCluster);
        this.operator = operatorMetrics == null ? null : new OperatorMetricsScraper(operatorMetrics, endpoint);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(SdkThreads.named("qdrant-agent-metrics"));
    }

    public void start() {
        scheduler.scheduleWithFixedDelay(this::scrapeSafely, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Scrapes given up while disconnected to stay bounded. */
    public long droppedScrapes() {
        return backlog.dropped();
    }

    private void scrapeSafely() {
        try {
            scrapeAll();
            lastFailure = null;
        } catch (RuntimeException e) {
            // Metrics must never take the agent down; the next interval tries again. Logged once per new failure.
            if (!e.toString().equals(lastFailure)) {
                LOG.warn("Scraping the Qdrant clusters' metrics in {} failed: {}", namespace, e.toString());
            }
            lastFailure = e.toString();
        }
    }

    void scrapeAll() {
        Instant at = clock.instant();
        if (operator != null) {
            // First, so a failing cluster listing cannot hide the operator's state (often the reason for it).
            backlog.add(MetricSample.ENVIRONMENT, operator.scrape(at));
        }
        List<GenericKubernetesResource> clusters = client.genericKubernetesResources("qdrant.io/v1", "QdrantCluster")
                .inNamespace(namespace).list().getItems();
        if (!clusters.isEmpty()) {
            // One list of pods and of volumes per pass, whatever the number of clusters.
            List<Pod> pods = client.pods().inNamespace(namespace).list().getItems();
            Map<String, PersistentVolumeClaim> claims = new HashMap<>();
            client.persistentVolumeClaims().inNamespace(namespace).list().getItems()
                    .forEach(claim -> claims.put(claim.getMetadata().getName(), claim));
            for (GenericKubernetesResource cluster : clusters) {
                JsonNode json = JSON.valueToTree(cluster);
                String clusterId = json.path("spec").path("id").asText("");
                if (clusterId.isEmpty()) {
                    clusterId = json.path("metadata").path("name").asText("");
                }
                if (clusterId.isEmpty() || json.path("spec").path("suspend").asBoolean(false)) {
                    continue;
                }
                List<NodeReading> nodes = readNodes(clusterId, json, pods, claims);
                // No pod, no usage: a cluster still being created (or a bare object) reports nothing yet.
                if (!nodes.isEmpty()) {
                    backlog.add(clusterId, ClusterUsageReduction.reduce(clusterId, nodes, at));
                }
            }
        }
        if (connected.getAsBoolean()) {
            for (List<MetricSample> scrape : backlog.drain()) {
                scrape.forEach(outbox);
            }
        }
    }

    private List<NodeReading> readNodes(String clusterId, JsonNode cluster, List<Pod> allPods,
                                        Map<String, PersistentVolumeClaim> claims) {
        boolean tls = cluster.path("spec").path("config").path("service").path("enableTls").asBoolean(false);
        Map<Integer, Pod> pods = new HashMap<>();
        String prefix = "qdrant-" + clusterId + "-";
        for (Pod pod : allPods) {
            String name = pod.getMetadata().getName();
            if (name.startsWith(prefix) && name.substring(prefix.length()).matches("\\d+")) {
                pods.put(Integer.parseInt(name.substring(prefix.length())), pod);
            }
        }
        Map<Integer, List<NodeReading.LocalReplica>> replicas = new HashMap<>();
        List<NodeReading> nodes = new ArrayList<>();
        for (int ordinal : pods.keySet().stream().sorted().toList()) {
            Pod pod = pods.get(ordinal);
            URI base = addresses.node(namespace, clusterId, ordinal, tls);
            String failure = null;
            List<PrometheusText.Sample> samples = List.of();
            try {
                samples = PrometheusText.parse(metrics(base));
                if (replicas.isEmpty()) {
                    replicas.putAll(placement(base, pods));
                }
            } catch (MetricsUnavailable e) {
                failure = e.getMessage();
            }
            nodes.add(new NodeReading(ordinal, samples, failure, limit(pod, "memory"),
                    volumeSize(claims.get("qdrant-storage-" + pod.getMetadata().getName())), limit(pod, "cpu"), List.of()));
        }
        // Placement is read from one node (every node knows all of it) and spread over the readings.
        List<NodeReading> withReplicas = new ArrayList<>();
        for (NodeReading node : nodes) {
            withReplicas.add(new NodeReading(node.ordinal(), node.samples(), node.failure(), node.memoryLimitBytes(),
                    node.diskCapacityBytes(), node.cpuLimitCores(), replicas.getOrDefault(node.ordinal(), List.of())));
        }
        return withReplicas;
    }

    private String metrics(URI base) {
        try {
            return endpoint.read(base.resolve("/metrics"));
        } catch (PrometheusEndpoint.Unavailable e) {
            throw new MetricsUnavailable("GET /metrics " + e.getMessage()
                    + (e.status() == 401 || e.status() == 403
                    ? " (the cluster has an API key; the agent reads no Secret)" : ""));
        }
    }

    /** Which node holds which replicas, keyed by pod ordinal (peers are matched to pods by their URI's host). */
    private Map<Integer, List<NodeReading.LocalReplica>> placement(URI base, Map<Integer, Pod> pods) {
        QdrantClient qdrant = new QdrantClient(base, null, http, TIMEOUT);
        Map<Integer, List<NodeReading.LocalReplica>> byOrdinal = new HashMap<>();
        try {
            Map<Long, String> peers = qdrant.cluster().peers();
            Map<Long, Integer> ordinalOf = new HashMap<>();
            peers.forEach((peerId, uri) -> pods.keySet().stream()
                    .filter(ordinal -> uri.contains(pods.get(ordinal).getMetadata().getName() + "."))
                    .findFirst().ifPresent(ordinal -> ordinalOf.put(peerId, ordinal)));
            for (String collection : qdrant.collections()) {
                CollectionPlacement placement = qdrant.placement(collection);
                Map<Integer, Long> replicasOfShard = new HashMap<>();
                placement.replicas().forEach(r -> replicasOfShard.merge(r.shardId(), 1L, Long::sum));
                for (ShardReplica replica : placement.replicas()) {
                    Integer ordinal = ordinalOf.get(replica.peerId());
                    if (ordinal != null) {
                        byOrdinal.computeIfAbsent(ordinal, o -> new ArrayList<>()).add(new NodeReading.LocalReplica(
                                collection, replica.shardId(), replica.state().wireValue(),
                                replicasOfShard.get(replica.shardId()).intValue()));
                    }
                }
            }
        } catch (QdrantApiException e) {
            LOG.debug("Reading shard placement from {} failed: {}", base, e.getMessage());
            return Map.of();
        }
        return byOrdinal;
    }

    private static double limit(Pod pod, String resource) {
        return pod.getSpec().getContainers().stream().filter(c -> c.getResources() != null
                        && c.getResources().getLimits() != null && c.getResources().getLimits().containsKey(resource))
                .mapToDouble(c -> Quantity.getAmountInBytes(c.getResources().getLimits().get(resource)).doubleValue())
                .sum();
    }

    /** The database volume's capacity as its PVC reports it (grows with an expansion), else what it asked for. */
    private static double volumeSize(PersistentVolumeClaim claim) {
        if (claim == null) {
            return 0;
        }
        Quantity size = claim.getStatus() != null && claim.getStatus().getCapacity() != null
                ? claim.getStatus().getCapacity().get("storage") : null;
        if (size == null && claim.getSpec() != null && claim.getSpec().getResources() != null
                && claim.getSpec().getResources().getRequests() != null) {
            size = claim.getSpec().getResources().getRequests().get("storage");
        }
        return size == null ? 0 : Quantity.getAmountInBytes(size).doubleValue();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    /** A node whose metrics could not be read, with why. */
    private static final class MetricsUnavailable extends RuntimeException {
        MetricsUnavailable(String message) {
            super(message, null, false, false);
        }
    }
}
