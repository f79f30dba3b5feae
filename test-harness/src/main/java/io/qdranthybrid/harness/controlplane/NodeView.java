package io.qdranthybrid.harness.controlplane;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Qdrant node (pod) of a cluster, as the operator described it in the QdrantCluster's {@code status.nodes} and
 * the agent reported it.
 *
 * @param phase        the pod phase ({@code Pending}, {@code Running}, ...); empty when not reported
 * @param ready        the pod's Ready condition is True
 * @param restartCount container restarts; 0 when not reported
 * @param version      the Qdrant version the node runs; empty when the operator does not say
 * @param reason       a short machine-readable why, e.g. {@code Unschedulable} or {@code CrashLoopBackOff}; may be empty
 * @param message      what the pod says about it, e.g. the scheduler's "0/3 nodes are available: ..."; may be empty
 * @param startedAt    when the node started (RFC 3339); empty when unknown
 */
public record NodeView(String name, String phase, boolean ready, int restartCount, String version, String reason,
                       String message, String startedAt) {

    /** The operator writes "Reason: message" into podMessage (ClusterObserver#notReadyMessage) when it has no podReason. */
    private static final Pattern REASON_PREFIX = Pattern.compile("([A-Z][A-Za-z]+): (.*)", Pattern.DOTALL);

    /** The nodes of a reported QdrantCluster status, in ordinal order; none when the status has no nodes. */
    static List<NodeView> fromStatus(JsonNode status) {
        List<NodeView> nodes = new ArrayList<>();
        status.path("nodes").fields().forEachRemaining(entry -> nodes.add(of(entry.getKey(), entry.getValue())));
        nodes.sort(Comparator.comparingInt((NodeView n) -> ordinal(n.name())).thenComparing(NodeView::name));
        return nodes;
    }

    private static NodeView of(String key, JsonNode node) {
        JsonNode waiting = waitingState(node);
        JsonNode unscheduled = unscheduledCondition(node);
        String reason = firstNonBlank(node.path("podReason").asText(""), waiting.path("reason").asText(""),
                unscheduled.path("reason").asText(""));
        String message = firstNonBlank(node.path("podMessage").asText(""), waiting.path("message").asText(""),
                unscheduled.path("message").asText(""));
        Matcher prefixed = REASON_PREFIX.matcher(message);
        if (reason.isEmpty() && prefixed.matches()) {
            reason = prefixed.group(1);
            message = prefixed.group(2);
        }
        return new NodeView(firstNonBlank(node.path("name").asText(""), key), node.path("podPhase").asText(""),
                "True".equals(node.path("state").path("Ready").asText("")), node.path("restartCount").asInt(0),
                node.path("version").asText(""), reason, message, node.path("started_at").asText(""));
    }

    /** The first container's {@code state.waiting} (e.g. ImagePullBackOff), missing when every container runs. */
    private static JsonNode waitingState(JsonNode node) {
        for (JsonNode container : node.path("containerStatuses")) {
            if (container.path("state").has("waiting")) {
                return container.path("state").path("waiting");
            }
        }
        return node.path("containerStatuses").path(-1);
    }

    /** The pod's {@code PodScheduled=False} condition, whose message is the scheduler's explanation. */
    private static JsonNode unscheduledCondition(JsonNode node) {
        for (JsonNode condition : node.path("podConditions")) {
            if ("PodScheduled".equals(condition.path("type").asText()) && "False".equals(condition.path("status").asText())) {
                return condition;
            }
        }
        return node.path("podConditions").path(-1);
    }

    /** The StatefulSet ordinal at the end of a pod name, so qdrant-x-10 sorts after qdrant-x-9. */
    private static int ordinal(String podName) {
        String digits = podName.substring(podName.lastIndexOf('-') + 1);
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return "";
    }
}
