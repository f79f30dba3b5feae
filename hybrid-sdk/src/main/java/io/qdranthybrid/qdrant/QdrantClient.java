package io.qdranthybrid.qdrant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The subset of one Qdrant node's REST API that an operator needs: health, consensus, shard placement,
 * shard transfers and peer removal. One instance talks to one node; it is thread-safe.
 */
public final class QdrantClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUrl;
    private final String apiKey;
    private final HttpClient http;
    private final Duration timeout;

    /**
     * @param baseUrl the node's REST endpoint, e.g. {@code http://qdrant-a-0.qdrant-headless-a.ns:6333}
     * @param apiKey  the full-access API key, or null when the cluster has none
     * @param http    a shared JDK client (configure TLS trust on it for clusters with TLS)
     * @param timeout per-request timeout
     */
    public QdrantClient(URI baseUrl, String apiKey, HttpClient http, Duration timeout) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.apiKey = apiKey;
        this.http = Objects.requireNonNull(http, "http");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
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
        Long leader = raft.hasNonNull("leader") ? raft.get("leader").asLong() : null;
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
        send(request("/cluster/peer/" + peerId + (force ? "?force=true" : "")).DELETE().build());
    }

    private static ObjectNode transfer(int shardId, long fromPeer, long toPeer) {
        return JSON.createObjectNode().put("shard_id", shardId).put("from_peer_id", fromPeer).put("to_peer_id", toPeer);
    }

    private void clusterOperation(String collection, String operation, ObjectNode arguments) {
        ObjectNode body = JSON.createObjectNode();
        body.set(operation, arguments);
        send(request("/collections/" + encode(collection) + "/cluster")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    private boolean probe(String path) {
        try {
            return http.send(get(path), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private HttpRequest get(String path) {
        return request(path).GET().build();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(baseUrl.resolve(path)).timeout(timeout);
        if (apiKey != null) {
            builder.header("api-key", apiKey);
        }
        return builder;
    }

    private JsonNode send(HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new QdrantApiException(request.method() + " " + request.uri().getPath() + " on " + baseUrl
                    + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QdrantApiException("interrupted while calling " + baseUrl, e);
        }
        JsonNode body = parse(response.body());
        if (response.statusCode() / 100 != 2) {
            String error = body.path("status").path("error").asText(response.body());
            throw new QdrantApiException(response.statusCode(), request.method() + " " + request.uri().getPath()
                    + " on " + baseUrl + " answered " + response.statusCode() + ": " + error);
        }
        return body;
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
