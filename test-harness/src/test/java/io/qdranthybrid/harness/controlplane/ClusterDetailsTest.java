package io.qdranthybrid.harness.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qdranthybrid.protocol.message.KubernetesEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** What a cluster's page lists: its nodes from the reported status, and which Kubernetes events are about it. */
class ClusterDetailsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void nodesComeInOrdinalOrderWithTheReasonTheOperatorGave() throws Exception {
        JsonNode status = JSON.readTree("""
                {"phase": "Creating", "nodes": {
                  "qdrant-x-10": {"name": "qdrant-x-10", "podPhase": "Running", "state": {"Ready": "True"},
                                  "restartCount": 2, "version": "v1.12.3", "started_at": "2026-12-07T03:00:00Z"},
                  "qdrant-x-9": {"name": "qdrant-x-9", "podPhase": "Pending", "state": {"Ready": "False"},
                                 "restartCount": 0,
                                 "podMessage": "Unschedulable: 0/3 nodes are available: 3 Insufficient cpu."},
                  "qdrant-x-1": {"podPhase": "Running", "state": {"Ready": "False"}, "podReason": "Evicted",
                                 "podMessage": "The node was low on resource: memory."}
                }}""");

        assertThat(NodeView.fromStatus(status)).containsExactly(
                new NodeView("qdrant-x-1", "Running", false, 0, "", "Evicted", "The node was low on resource: memory.", ""),
                new NodeView("qdrant-x-9", "Pending", false, 0, "", "Unschedulable",
                        "0/3 nodes are available: 3 Insufficient cpu.", ""),
                new NodeView("qdrant-x-10", "Running", true, 2, "v1.12.3", "", "", "2026-12-07T03:00:00Z"));
    }

    @Test
    void aWaitingContainerOrAnUnscheduledConditionExplainsANodeWithoutAMessage() throws Exception {
        JsonNode status = JSON.readTree("""
                {"nodes": {
                  "qdrant-x-0": {"containerStatuses": [{"name": "qdrant", "state": {"waiting":
                      {"reason": "ImagePullBackOff", "message": "Back-off pulling image qdrant/qdrant:v9.9.9"}}}]},
                  "qdrant-x-1": {"podConditions": [{"type": "PodScheduled", "status": "False",
                      "reason": "Unschedulable", "message": "0/3 nodes are available"}]}
                }}""");

        assertThat(NodeView.fromStatus(status)).extracting(NodeView::reason, NodeView::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("ImagePullBackOff", "Back-off pulling image qdrant/qdrant:v9.9.9"),
                org.assertj.core.groups.Tuple.tuple("Unschedulable", "0/3 nodes are available"));
        assertThat(NodeView.fromStatus(JSON.readTree("{\"phase\": \"Creating\"}"))).isEmpty();
    }

    @Test
    void eventsBelongToAClusterByTheNamesTheOperatorGivesItsObjects() {
        assertThat(ClusterDetails.concerns("orders", event("QdrantCluster", "qdrant-orders"))).isTrue();
        assertThat(ClusterDetails.concerns("orders", event("StatefulSet", "qdrant-orders"))).isTrue();
        assertThat(ClusterDetails.concerns("orders", event("Pod", "qdrant-orders-2"))).isTrue();
        assertThat(ClusterDetails.concerns("orders", event("PersistentVolumeClaim", "qdrant-storage-qdrant-orders-0")))
                .isTrue();
        assertThat(ClusterDetails.concerns("orders", event("PersistentVolumeClaim", "qdrant-snapshots-qdrant-orders-11")))
                .isTrue();

        assertThat(ClusterDetails.concerns("orders", event("Pod", "qdrant-orders-eu-0")))
                .as("a pod of cluster orders-eu").isFalse();
        assertThat(ClusterDetails.concerns("orders", event("QdrantCluster", "qdrant-orders-eu"))).isFalse();
        assertThat(ClusterDetails.concerns("orders", event("StatefulSet", "qdrant-orders-1")))
                .as("the StatefulSet of cluster orders-1, not a node of orders").isFalse();
        assertThat(ClusterDetails.concerns("orders", event("Pod", "qdrant-hybrid-operator-5d9c-x2"))).isFalse();
    }

    private static KubernetesEvent event(String kind, String name) {
        return new KubernetesEvent("ns", kind, name, "Warning", "Something", "happened", 1, Instant.EPOCH);
    }
}
