package io.qdranthybrid.qdrant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qdranthybrid.threads.SdkThreads;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The subset of one Qdrant node's REST API that an operator needs: health, consensus, shard placement,
 * shard transfers and peer removal. One instance talks to one node; it is thread-safe.
 *
 * <p>Every call is bounded as a whole, body included (the JDK client's own timeout ends when the headers arrive, so
 * a node that stalls mid-body would pin the caller), and a response body larger than a limit is refused.
 */
public final class QdrantClient {

    /**
     * How long Qdrant waits for consensus to commit a change before it answers that it gave up
     * ({@code CONSENSUS_META_OP_WAIT} in {@code lib/common/common/src/defaults.rs}, {@code DEFAULT_META_OP_WAIT} in
     * older {@code lib/storage/src/content_manager/consensus_manager.rs}). Calls that change consensus wait this long
     * on top of the ordinary timeout.
     */
    public static final Duration CONSENSUS_WAIT = Duration.ofSeconds(10);
    /** Largest response body read: the biggest answer, a collection's placement, stays far below this. */
    public static final long DEFAULT_MAX_BODY_BYTES = 8L * 1024 * 1024;
    /**
     * What Qdrant answers (500, a {@code ServiceError}) when it stopped waiting for consensus: the change was
     * proposed and may still be applied ({@code await_for_operation} in {@code consensus_manager.rs}).
     */
    private static final String CONSENSUS_WAIT_EXPIRED = "Waiting for consensus operation commit failed";

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Runs each exchange as the JDK client's blocking {@code send}, so the caller can stop waiting at its deadline
     * (cancelling interrupts the send, which aborts the exchange). Not {@code sendAsync}: that hands every answer on
     * through CompletableFuture's default executor, which with fewer than three processors (an operator pod limited
     * to one or two CPUs) starts a new thread per call ({@code HttpClientImpl.sendAsync}, {@code ASYNC_POOL}). Pooled
     * threads that end after a minute idle; as many as calls in flight.
     */
    private static final ExecutorService EXCHANGES = Executors.newCachedThreadPool(SdkThreads.pool("qdrant-call"));

    private final URI baseUrl;
    private final String apiKey;
    private final HttpClient http;
    private final Duration timeout;
    private final long maxBodyBytes;

    /**
     * @param baseUrl the node's REST endpoint, e.g. {@code http://qdrant-a-0.qdrant-headless-a.ns:6333}
     * @param apiKey  the full-access API key, or null when the cluster has none
     * @param http    a shared JDK client (configure TLS trust on it for clusters with TLS)
     * @param timeout how long one whole call may take, body included; calls that change consensus get
     *                {@link #CONSENSUS_WAIT} more
     */
    public QdrantClient(URI baseUrl, String apiKey, HttpClient http, Duration timeout) {
        this(baseUrl, apiKey, http, timeout, DEFAULT_MAX_BODY_BYTES);
    }

    /** @param maxBodyBytes the largest response body read; a larger one fails the call */
    public QdrantClient(URI baseUrl, String apiKey, HttpClient http, Duration timeout, long maxBodyBytes) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.apiKey = apiKey;
        this.http = Objects.requireNonNull(http, "http");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive, got " + maxBodyBytes);
        }
        this.maxBodyBytes = maxBodyBytes;
    }

    public URI baseUrl() {
        return baseUrl;
    }

    /** True when {@code /readyz} answers 200: the node has joined consensus and its shards are loaded. */
    public boolean ready() {
        return probe("/readyz");
    }

    /** True when {@code /livez} answers 200. */
    public boolean live() {
        return probe("/livez");
    }

    /** The Qdrant version the node runs, e.g. {@code 1.12.3} ({@code GET /}). */
    public String version() {
        return send(get("/")).path("version").asText();
    }

    /** The node's view of consensus. */
    public ClusterInfo cluster() {
        JsonNode result = send(get("/cluster")).path("result");
        // Kept as text: the operator only needs the ids, and a peer may announce a URI that does not parse.
        Map<Long, String> peers = new LinkedHashMap<>();
        result.path("peers").fields().forEachRemaining(e -> peers.put(Long.parseLong(e.getKey()),
                e.getValue().path("uri").asText()));
        JsonNode raft = result.path("raft_info");
        // Real Qdrant reports leader 0 while there is none (raft-rs' INVALID_ID, copied from the soft state in
        // cluster_status() of lib/storage/src/content_manager/consensus_manager.rs); older simulators said null.
        long leaderId = raft.path("leader").asLong(0);
        Long leader = leaderId == 0 ? null : leaderId;
        return new ClusterInfo(result.path("peer_id").asLong(), peers, leader, raft.path("role").asText(null),
                raft.path("pending_operations").asLong());
    }

    /** Names of all collections. */
    public List<String> collections() {
        List<String> names = new ArrayList<>();
        send(get("/collections")).path("result").path("collections")
                .forEach(c -> names.add(c.path("name").asText()));
        return names;
    }

    /** Where every replica of a collection lives, as seen by this node. */
    public CollectionPlacement placement(String collection) {
        JsonNode result = send(get("/collections/" + encode(collection) + "/cluster")).path("result");
        long self = result.path("peer_id").asLong();
        List<ShardReplica> replicas = new ArrayList<>();
        result.path("local_shards").forEach(s -> replicas.add(new ShardReplica(s.path("shard_id").asInt(), self,
                ReplicaState.of(s.path("state").asText()),
                s.hasNonNull("points_count") ? s.get("points_count").asLong() : null)));
        result.path("remote_shards").forEach(s -> replicas.add(new ShardReplica(s.path("shard_id").asInt(),
                s.path("peer_id").asLong(), ReplicaState.of(s.path("state").asText()), null)));
        List<ShardTransfer> transfers = new ArrayList<>();
        result.path("shard_transfers").forEach(t -> transfers.add(new ShardTransfer(t.path("shard_id").asInt(),
                t.path("from").asLong(), t.path("to").asLong(), t.path("sync").asBoolean(),
                t.path("method").asText(null))));
        return new CollectionPlacement(collection, result.path("shard_count").asInt(), replicas, transfers);
    }

    /** Moves a shard replica from one peer to another; the source replica is dropped once the copy is active. */
    public void moveShard(String collection, int shardId, long fromPeer, long toPeer) {
        clusterOperation(collection, "move_shard", transfer(shardId, fromPeer, toPeer));
    }

    /** Copies a shard replica to another peer, raising its replication factor by one. */
    public void replicateShard(String collection, int shardId, long fromPeer, long toPeer) {
        clusterOperation(collection, "replicate_shard", transfer(shardId, fromPeer, toPeer));
    }

    /** Drops one replica of a shard. Qdrant refuses to drop the last one. */
    public void dropReplica(String collection, int shardId, long peerId) {
        ObjectNode body = JSON.createObjectNode().put("shard_id", shardId).put("peer_id", peerId);
        clusterOperation(collection, "drop_replica", body);
    }

    /** Aborts a transfer in progress. */
    public void abortTransfer(String collection, int shardId, long fromPeer, long toPeer) {
        clusterOperation(collection, "abort_transfer", transfer(shardId, fromPeer, toPeer));
    }

    /**
     * Removes a peer from consensus. Without {@code force} Qdrant refuses while the peer still holds shards;
     * callers drain it first, because a forced removal loses whatever only that peer held.
     */
    public void removePeer(long peerId, boolean force) {
        send(request("/cluster/peer/" + peerId + (force ? "?force=true" : "")).DELETE().build(), consensusDeadline());
    }

    private static ObjectNode transfer(int shardId, long fromPeer, long toPeer) {
        return JSON.createObjectNode().put("shard_id", shardId).put("from_peer_id", fromPeer).put("to_peer_id", toPeer);
    }

    private void clusterOperation(String collection, String operation, ObjectNode arguments) {
        ObjectNode body = JSON.createObjectNode();
        body.set(operation, arguments);
        send(request("/collections/" + encode(collection) + "/cluster")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), consensusDeadline());
    }

    private Duration consensusDeadline() {
        return timeout.plus(CONSENSUS_WAIT);
    }

    private boolean probe(String path) {
        try {
            return exchange(get(path), timeout).statusCode() == 200;
        } catch (QdrantApiException e) {
            return false;
        }
    }

    private HttpRequest get(String path) {
        return request(path).GET().build();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(baseUrl.resolve(path));
        if (apiKey != null) {
            builder.header("api-key", apiKey);
        }
        return builder;
    }

    private JsonNode send(HttpRequest request) {
        return send(request, timeout);
    }

    private JsonNode send(HttpRequest request, Duration deadline) {
        HttpResponse<String> response = exchange(request, deadline);
        JsonNode body = parse(response.body());
        if (response.statusCode() / 100 != 2) {
            // Qdrant's errors are JSON with status.error, but its authentication errors are plain text.
            String error = body.path("status").path("error").asText(response.body());
            throw new QdrantApiException(response.statusCode(), describe(request) + " answered " + response.statusCode()
                    + ": " + error, response.statusCode() == 500 && error.contains(CONSENSUS_WAIT_EXPIRED));
        }
        return body;
    }

    /** One whole exchange, headers and body, within {@code deadline}; the body bounded by {@link #maxBodyBytes}. */
    private HttpResponse<String> exchange(HttpRequest request, Duration deadline) {
        Future<HttpResponse<String>> call = EXCHANGES.submit(() -> http.send(request, BoundedBody.handler(maxBodyBytes)));
        boolean changes = !"GET".equals(request.method());
        try {
            return call.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true); // interrupts the send, which aborts the exchange and frees its connection (JDK 16+)
            // A change that was sent may have been applied even though no answer came in time.
            throw new QdrantApiException(describe(request) + " got no complete answer within " + deadline, e, changes);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            boolean neverSent = cause instanceof ConnectException;
            throw new QdrantApiException(describe(request) + " failed: " + cause, cause,
                    changes && !neverSent && !causedBy(cause, BoundedBody.TooLargeException.class));
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new QdrantApiException("interrupted while calling " + baseUrl, e, changes);
        }
    }

    /** The blocking send wraps what went wrong in an IOException of its own; the original is its cause. */
    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private String describe(HttpRequest request) {
        return request.method() + " " + request.uri().getPath() + " on " + baseUrl;
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException notJson) {
            return JSON.createObjectNode();
        }
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return "QdrantClient{" + baseUrl + (apiKey == null ? "" : ", api-key=***") + "}";
    }
}
