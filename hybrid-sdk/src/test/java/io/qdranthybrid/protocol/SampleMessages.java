package io.qdranthybrid.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qdranthybrid.protocol.message.AccessKey;
import io.qdranthybrid.protocol.message.Ack;
import io.qdranthybrid.protocol.message.Command;
import io.qdranthybrid.protocol.message.ComponentPhase;
import io.qdranthybrid.protocol.message.ComponentStatus;
import io.qdranthybrid.protocol.message.DesiredResource;
import io.qdranthybrid.protocol.message.DesiredState;
import io.qdranthybrid.protocol.message.DesiredStateMode;
import io.qdranthybrid.protocol.message.DesiredStatePart;
import io.qdranthybrid.protocol.message.EnvironmentStatus;
import io.qdranthybrid.protocol.message.Heartbeat;
import io.qdranthybrid.protocol.message.Hello;
import io.qdranthybrid.protocol.message.KubernetesEvent;
import io.qdranthybrid.protocol.message.MetricSample;
import io.qdranthybrid.protocol.message.Nack;
import io.qdranthybrid.protocol.message.NackReason;
import io.qdranthybrid.protocol.message.NodeCapacity;
import io.qdranthybrid.protocol.message.ProtocolMessage;
import io.qdranthybrid.protocol.message.RefusalReason;
import io.qdranthybrid.protocol.message.Refused;
import io.qdranthybrid.protocol.message.RefusedResource;
import io.qdranthybrid.protocol.message.ResourceKey;
import io.qdranthybrid.protocol.message.ResourceKind;
import io.qdranthybrid.protocol.message.ResourceStatus;
import io.qdranthybrid.protocol.message.Query;
import io.qdranthybrid.protocol.message.QueryError;
import io.qdranthybrid.protocol.message.QueryResult;
import io.qdranthybrid.protocol.message.ResyncRequest;
import io.qdranthybrid.protocol.message.Telemetry;
import io.qdranthybrid.protocol.message.Welcome;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Realistic instances of every message type, shared by the protocol tests. */
public final class SampleMessages {

    public static final String SECRET = "s3cr3t-t0ken-value";
    public static final AccessKey ACCESS_KEY = AccessKey.parse("7b0c6f0e-3c52-4a8e-9a59-0c0a2d1b5e11|" + SECRET);
    public static final String ENVIRONMENT_ID = "0f5b4d4a-8e8f-4a8e-b1a2-5d8e0c0a7c31";
    public static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private SampleMessages() {
    }

    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    public static ResourceKey clusterKey(String name) {
        return new ResourceKey(ResourceKind.CLUSTER, "qdrant", name);
    }

    public static Hello hello() {
        return new Hello(ENVIRONMENT_ID, ACCESS_KEY, "1.2.3", List.of(1), 41);
    }

    public static DesiredResource cluster(String name, long revision) {
        return DesiredResource.present(clusterKey(name), revision, json("""
                {"apiVersion":"qdrant.io/v1","kind":"QdrantCluster","metadata":{"name":"%s","namespace":"qdrant"},
                 "spec":{"id":"%s","version":"v1.15.0","size":3}}""".formatted(name, name)));
    }

    public static ResourceStatus status(String name, String phase, long revision) {
        return new ResourceStatus(clusterKey(name), revision, json("{\"phase\":\"" + phase + "\"}"), T0);
    }

    public static MetricSample metric(int i) {
        return new MetricSample("cluster-a", "qdrant_collections_total", i, Map.of("peer", "0"), T0.plusSeconds(i));
    }

    public static EnvironmentStatus environmentStatus() {
        return new EnvironmentStatus("v1.31.2", "K3S", 3, new NodeCapacity("24", "96Gi", "300Gi"),
                List.of("standard", "fast-ssd"), List.of("csi-snapclass"),
                List.of(new ComponentStatus("qdrant-operator", "qdrant", "2.6.0", ComponentPhase.READY, ""),
                        new ComponentStatus("qdrant-cluster-manager", "qdrant", "", ComponentPhase.NOT_FOUND,
                                "deployment not found")),
                T0);
    }

    /** One instance of every message type, both directions. */
    public static List<ProtocolMessage> everyType() {
        return List.of(
                hello(),
                new Welcome(1, "session-1", Duration.ofSeconds(15), Duration.ofSeconds(45), 1 << 20),
                new Refused(RefusalReason.KEY_ROTATED, "the access key was rotated; run the new install command"),
                DesiredState.snapshot(7, List.of(cluster("a", 7), cluster("b", 3))),
                DesiredState.delta(7, 9, List.of(cluster("a", 9),
                        DesiredResource.tombstone(new ResourceKey(ResourceKind.SNAPSHOT, "qdrant", "snap-1"), 8))),
                new DesiredStatePart(2, 3, new DesiredState(9, DesiredStateMode.DELTA, 7, List.of(cluster("c", 9)),
                        List.of(), List.of(clusterKey("huge")))),
                new Command("cmd-1", "restart-cluster", json("{\"clusterId\":\"a\",\"force\":false}")),
                new ResyncRequest("control plane restored from backup"),
                Ack.of("e-1"),
                Ack.ofRevision("e-2", 9),
                Ack.ofCommand("e-3", "cmd-1"),
                new Nack("e-4", NackReason.FORBIDDEN_NAMESPACE, "namespace kube-system is not managed by this agent"),
                new Nack(null, NackReason.MALFORMED, "not valid JSON"),
                new Nack("e-5", NackReason.INVALID, "1 of 2 resources refused, the rest applied",
                        List.of(new RefusedResource(clusterKey("b"), NackReason.INVALID, "size 0 is below 1"))),
                new Heartbeat(),
                status("a", "Healthy", 9),
                environmentStatus(),
                new Telemetry(List.of(metric(1), metric(2)),
                        List.of(new KubernetesEvent("qdrant", "Pod", "qdrant-a-0", "Warning", "FailedScheduling",
                                "0/3 nodes are available", 4, T0)), 17),
                new Query("q-1", "cluster-logs", json("{\"clusterId\":\"a\",\"tailLines\":200}")),
                new QueryResult("q-1", 0, false, "2026-01-01T10:00:00.000000Z  INFO qdrant: Version: 1.12.3\n", null, false),
                new QueryResult("q-1", 1, true, "é last line\n", null, true),
                QueryResult.failed("q-2", QueryError.Code.UNSUPPORTED, "query 'cluster-metrics' is unknown to this agent"));
    }
}
