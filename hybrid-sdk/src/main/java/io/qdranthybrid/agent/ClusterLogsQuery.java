package io.qdranthybrid.agent;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.BytesLimitTerminateTimeTailPrettyLoggable;
import io.fabric8.kubernetes.client.dsl.TailPrettyLoggable;
import io.fabric8.kubernetes.client.dsl.TimeTailPrettyLoggable;
import io.qdranthybrid.protocol.client.QueryRefusedException;
import io.qdranthybrid.protocol.message.Query;
import io.qdranthybrid.protocol.message.QueryError;

import java.time.Instant;
import java.util.List;

/**
 * {@code cluster-logs}: the Qdrant log of one node of a managed cluster, or of each node under a
 * {@code ==> pod <==} header, read through {@code pods/log} as {@code kubectl logs} does. Arguments: {@code clusterId};
 * optional {@code node} (a pod name), {@code tailLines} (1 to {@value #MAX_TAIL_LINES}, default
 * {@value #DEFAULT_TAIL_LINES}), {@code sinceSeconds} or {@code sinceTime}, {@code previous}, {@code limitBytes}.
 */
public final class ClusterLogsQuery implements AgentQuery {

    public static final String NAME = "cluster-logs";
    static final long MAX_TAIL_LINES = 5000;
    static final long DEFAULT_TAIL_LINES = 200;
    /** The answer's bound, so a per-node limit never asks the API server for more than could be sent. */
    static final long MAX_LIMIT_BYTES = 1024 * 1024;

    private final KubernetesClient client;
    private final String namespace;
    private final ClusterPods pods;

    public ClusterLogsQuery(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
        this.pods = new ClusterPods(client, namespace);
    }

    @Override
    public String answer(Query query) {
        QueryArgs args = new QueryArgs(query);
        String clusterId = args.requiredText("clusterId");
        String node = args.optionalText("node");
        long tailLines = args.optionalLong("tailLines", 1, MAX_TAIL_LINES, DEFAULT_TAIL_LINES);
        Long sinceSeconds = args.optionalLong("sinceSeconds", 1, Integer.MAX_VALUE, null);
        Instant sinceTime = args.optionalInstant("sinceTime");
        if (sinceSeconds != null && sinceTime != null) {
            throw args.invalid("give sinceSeconds or sinceTime, not both");
        }
        long limitBytes = args.optionalLong("limitBytes", 1, MAX_LIMIT_BYTES, MAX_LIMIT_BYTES);
        boolean previous = args.flag("previous");
        List<Pod> nodes = node == null ? pods.nodes(clusterId) : List.of(pods.node(clusterId, node));
        if (node != null) {
            return read(nodes.get(0), tailLines, sinceSeconds, sinceTime, limitBytes, previous);
        }
        StringBuilder out = new StringBuilder();
        for (Pod pod : nodes) {
            out.append("==> ").append(pod.getMetadata().getName()).append(" <==\n");
            try {
                out.append(read(pod, tailLines, sinceSeconds, sinceTime, limitBytes, previous));
            } catch (QueryRefusedException e) {
                // One node without a log (not started, no previous container) must not hide the others'.
                out.append("(").append(e.getMessage()).append(")\n");
            }
        }
        return out.toString();
    }

    private String read(Pod pod, long tailLines, Long sinceSeconds, Instant sinceTime, long limitBytes,
                        boolean previous) {
        String name = pod.getMetadata().getName();
        // fabric8's fluent interfaces offer limitBytes or terminated, not both, but its pod operation implements every
        // step of the chain (PodOperationsImpl), so the limited request is still one that can ask for the previous one.
        var limited = (BytesLimitTerminateTimeTailPrettyLoggable) client.pods().inNamespace(namespace).withName(name)
                .limitBytes((int) limitBytes);
        TimeTailPrettyLoggable container = previous ? limited.terminated() : limited;
        try {
            TailPrettyLoggable since = sinceSeconds != null ? container.sinceSeconds(sinceSeconds.intValue())
                    : sinceTime != null ? container.sinceTime(sinceTime.toString()) : container;
            String log = since.tailingLines((int) tailLines).getLog();
            return log == null ? "" : log;
        } catch (KubernetesClientException e) {
            throw refusal(name, e);
        }
    }

    private static QueryRefusedException refusal(String pod, KubernetesClientException e) {
        String reason = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                : e.getMessage();
        return switch (e.getCode()) {
            case 400 -> new QueryRefusedException(QueryError.Code.INVALID, reason);
            case 404 -> new QueryRefusedException(QueryError.Code.NOT_FOUND, "pod " + pod + " is gone: " + reason);
            case 403 -> new QueryRefusedException(QueryError.Code.FORBIDDEN, "the agent may not read pods/log ("
                    + reason + "); apply the agent's current Role (deploy/), which grants get on pods/log");
            default -> new QueryRefusedException(QueryError.Code.FAILED, "reading the log of " + pod + " failed: " + reason);
        };
    }
}
