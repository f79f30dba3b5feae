package io.qdranthybrid.harness.controlplane;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qdranthybrid.platform.session.AgentGateway;
import io.qdranthybrid.platform.session.AgentNotConnectedException;
import io.qdranthybrid.platform.session.QueryFailedException;
import io.qdranthybrid.protocol.delivery.QueryAnswerAssembly;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads the control plane does not keep but asks the agent for on request, like the hosted console's logs and
 * Kubernetes events of a hybrid cluster: each call is one {@code query} through the agent's session, answered in
 * bounded chunks. Errors in the API's words: unknown cluster or node 404, bad range 400, agent away 503 (since when).
 */
public final class ClusterReads {

    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(20);
    static final String TRUNCATED_MARKER = "[truncated: the answer reached the agent's 1 MiB bound; ask for fewer lines"
            + " or a shorter time]";

    private final Clusters clusters;
    private final AgentGateway gateway;

    ClusterReads(Clusters clusters, AgentGateway gateway) {
        this.clusters = clusters;
        this.gateway = gateway;
    }

    /** @throws NotFoundException for an unknown cluster or node; AgentReadException when the agent cannot answer */
    public ClusterLogs logs(String environmentId, String clusterId, ClusterLogRequest request) {
        clusters.get(environmentId, clusterId);
        ObjectNode args = ConsoleJson.MAPPER.createObjectNode().put("clusterId", clusterId);
        if (request.node() != null) {
            args.put("node", request.node());
        }
        if (request.tailLines() != null) {
            args.put("tailLines", request.tailLines());
        }
        if (request.sinceSeconds() != null) {
            args.put("sinceSeconds", request.sinceSeconds());
        }
        if (request.sinceTime() != null) {
            args.put("sinceTime", request.sinceTime().toString());
        }
        if (request.previous()) {
            args.put("previous", true);
        }
        QueryAnswerAssembly.Answered answer = ask(environmentId, "cluster-logs", args);
        String log = answer.truncated() ? answer.data() + (answer.data().endsWith("\n") ? "" : "\n") + TRUNCATED_MARKER + "\n"
                : answer.data();
        return new ClusterLogs(clusterId, request.node(), request.previous(), log, answer.truncated());
    }

    /** The newest Kubernetes events about the cluster's objects, oldest first. */
    public List<KubernetesEventView> kubernetesEvents(String environmentId, String clusterId) {
        clusters.get(environmentId, clusterId);
        QueryAnswerAssembly.Answered answer = ask(environmentId, "cluster-events",
                ConsoleJson.MAPPER.createObjectNode().put("clusterId", clusterId));
        List<KubernetesEventView> events = new ArrayList<>();
        try {
            for (JsonNode e : ConsoleJson.MAPPER.readTree(answer.data())) {
                events.add(new KubernetesEventView(e.path("type").asText(null), e.path("reason").asText(null),
                        e.path("message").asText(""), e.path("involvedKind").asText(), e.path("involvedName").asText(),
                        e.path("count").asInt(1), e.path("lastSeen").asText(null)));
            }
        } catch (JsonProcessingException e) {
            throw new AgentReadException(502, "the agent's list of events for cluster " + clusterId
                    + " is not valid JSON" + (answer.truncated() ? " (it was truncated)" : "") + ": " + e.getOriginalMessage());
        }
        return events;
    }

    private QueryAnswerAssembly.Answered ask(String environmentId, String name, ObjectNode args) {
        try {
            return gateway.query(environmentId, name, args, ANSWER_TIMEOUT)
                    .get(ANSWER_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AgentReadException(503, "interrupted while waiting for the agent's answer");
        } catch (TimeoutException e) {
            throw timedOut(environmentId, name);
        } catch (ExecutionException | CompletionException e) {
            throw translate(environmentId, name, e.getCause());
        }
    }

    private static RuntimeException translate(String environmentId, String name, Throwable cause) {
        if (cause instanceof AgentNotConnectedException away) {
            return new AgentReadException(503, away.getMessage());
        }
        if (cause instanceof TimeoutException) {
            return timedOut(environmentId, name);
        }
        if (cause instanceof QueryFailedException failed) {
            return switch (failed.error().code()) {
                case NOT_FOUND -> new NotFoundException(failed.getMessage());
                case INVALID -> new InvalidRequestException(failed.getMessage());
                case UNSUPPORTED -> new AgentReadException(502, failed.getMessage()
                        + " (the agent predates this read; upgrade it)");
                default -> new AgentReadException(502, "the agent could not answer: " + failed.getMessage());
            };
        }
        return new AgentReadException(502, "asking the agent for " + name + " failed: " + cause);
    }

    private static AgentReadException timedOut(String environmentId, String name) {
        return new AgentReadException(504, "the agent of environment " + environmentId + " did not answer " + name
                + " within " + ANSWER_TIMEOUT.toSeconds() + " s; it may be overloaded, ask again");
    }
}
