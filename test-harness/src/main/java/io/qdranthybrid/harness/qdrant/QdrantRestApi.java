package io.qdranthybrid.harness.qdrant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.qdranthybrid.harness.qdrant.ShardTransferStatus.TransferKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Routes a node's REST requests: authentication first, then the endpoint, all under the registry's
 * lock so a response reflects one consistent moment. Errors take Qdrant's shape and status codes.
 */
final class QdrantRestApi implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(QdrantRestApi.class);
    /**
     * How long a call that changes consensus waits for the commit unless its {@code timeout} query parameter says
     * otherwise ({@code CONSENSUS_META_OP_WAIT} in {@code lib/common/common/src/defaults.rs}).
     */
    static final Duration CONSENSUS_WAIT = Duration.ofSeconds(10);

    /** A change proposed to consensus: the answer waits, outside the registry's lock, for it to be committed. */
    private record Proposed(CompletableFuture<Object> applied, Duration commitWait) {
    }

    private final QdrantNode node;
    private final SimulatedQdrantCluster cluster;
    private final NodeViews views;
    private final RestResponseCounts responses = new RestResponseCounts();
    private final Object lock;

    QdrantRestApi(QdrantNode node, SimulatedQdrantCluster cluster, Object lock) {
        this.node = node;
        this.cluster = cluster;
        this.views = new NodeViews(node, cluster, responses);
        this.lock = lock;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!node.isServing()) {
            // Real Qdrant opens its REST port only once it has joined consensus (Consensus::run in src/consensus.rs
            // bootstraps before src/main.rs starts the HTTP server): a joining node answers nothing at all.
            exchange.close();
            return;
        }
        long start = System.nanoTime();
        RestReply reply;
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            reply = answer(exchange, body, start);
        } catch (QdrantApiException e) {
            reply = e.plainText() ? RestReply.text(e.httpStatus(), e.getMessage(), "text/plain; charset=utf-8")
                    : RestReply.error(e.httpStatus(), e.getMessage(), start);
        } catch (JsonProcessingException e) {
            reply = RestReply.error(400, "Format error in JSON body: " + e.getOriginalMessage(), start);
        } catch (RuntimeException e) {
            LOG.error("Simulated Qdrant pod {} failed to serve {} {}", node.settings().podName(),
                    exchange.getRequestMethod(), exchange.getRequestURI(), e);
            reply = RestReply.error(500, "Service internal error: " + e, start);
        }
        responses.record(exchange.getRequestMethod(), normalize(exchange.getRequestURI().getPath()), reply.status(),
                System.nanoTime() - start);
        exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(reply.status(), head ? -1 : reply.body().length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply.body());
            }
        }
        exchange.close();
    }

    private RestReply answer(HttpExchange exchange, byte[] body, long start) throws JsonProcessingException {
        String method = exchange.getRequestMethod();
        String path = normalize(exchange.getRequestURI().getPath());
        node.settings().apiKeys().refusal(method, path,
                exchange.getRequestHeaders().getFirst("api-key"),
                exchange.getRequestHeaders().getFirst("Authorization")).ifPresent(refusal -> {
                    throw refusal;
                });
        String query = exchange.getRequestURI().getQuery();
        List<String> segments = path.equals("/") ? List.of() : Arrays.asList(path.substring(1).split("/"));
        Object routed;
        synchronized (lock) {
            routed = route(method, segments, body, query, start);
        }
        return routed instanceof Proposed proposed ? awaitCommit(proposed, start) : (RestReply) routed;
    }

    /**
     * Qdrant answers a consensus change once it is applied, or after the wait with a service error, the change
     * possibly still to come ({@code await_for_operation} in {@code lib/storage/src/content_manager/consensus_manager.rs}).
     */
    private static RestReply awaitCommit(Proposed proposed, long start) {
        try {
            return RestReply.ok(proposed.applied().get(proposed.commitWait().toMillis(), TimeUnit.MILLISECONDS), start);
        } catch (TimeoutException e) {
            return RestReply.error(500, "Service internal error: Waiting for consensus operation commit failed. Timeout set at: "
                    + seconds(proposed.commitWait()) + " seconds", start);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof QdrantApiException refused) {
                return RestReply.error(refused.httpStatus(), refused.getMessage(), start);
            }
            throw new IllegalStateException("applying a consensus change failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return RestReply.error(500, "Service internal error: interrupted while waiting for consensus", start);
        }
    }

    /** As Rust prints an f64 number of seconds: {@code 10}, {@code 2.5}. */
    private static String seconds(Duration wait) {
        double value = wait.toMillis() / 1000.0;
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    /** The {@code timeout} query parameter in seconds, else Qdrant's default consensus wait. */
    private static Duration consensusWait(String query) {
        if (query != null) {
            for (String parameter : query.split("&")) {
                if (parameter.startsWith("timeout=")) {
                    try {
                        return Duration.ofSeconds(Long.parseLong(parameter.substring("timeout=".length())));
                    } catch (NumberFormatException e) {
                        throw QdrantApiException.badRequest("Query deserialize error: invalid digit found in string");
                    }
                }
            }
        }
        return CONSENSUS_WAIT;
    }

    private Object route(String method, List<String> s, byte[] body, String query, long start) throws JsonProcessingException {
        String route = method + " " + (s.isEmpty() ? "" : s.get(0)) + "/" + s.size();
        switch (route) {
            case "GET /0":
                return RestReply.json(200, views.root());
            case "GET healthz/1":
                return RestReply.text(200, "healthz check passed", "text/plain; charset=utf-8");
            case "GET livez/1":
                return RestReply.text(200, "livez check passed", "text/plain; charset=utf-8");
            case "GET readyz/1":
                return node.isReady()
                        ? RestReply.text(200, "all shards are ready", "text/plain; charset=utf-8")
                        : RestReply.text(503, "some shards are not ready: " + node.notReadyReason(), "text/plain; charset=utf-8");
            case "GET telemetry/1":
                return RestReply.ok(views.telemetry(), start);
            case "GET metrics/1":
                return RestReply.text(200, views.metrics(), "text/plain; version=0.0.4");
            case "GET cluster/1":
                return RestReply.ok(views.clusterInfo(), start);
            case "DELETE cluster/3":
                if (s.get(1).equals("peer")) {
                    long peer = peerId(s.get(2));
                    boolean force = query != null && Arrays.asList(query.split("&")).contains("force=true");
                    return new Proposed(cluster.propose("remove peer " + peer, node, () -> {
                        cluster.removePeer(peer, force, node);
                        return true;
                    }), consensusWait(query));
                }
                break;
            case "GET collections/1":
                return RestReply.ok(views.collections(), start);
            case "GET collections/2":
                return RestReply.ok(views.collectionInfo(s.get(1)), start);
            case "PUT collections/2":
                requireJoined();
                cluster.createCollection(validName(s.get(1)), collectionConfig(parse(body)), node);
                return RestReply.ok(true, start);
            case "DELETE collections/2":
                requireJoined();
                return RestReply.ok(cluster.deleteCollection(s.get(1), node), start);
            case "GET collections/3":
                if (s.get(2).equals("cluster")) {
                    return RestReply.ok(views.collectionClusterInfo(s.get(1)), start);
                }
                break;
            case "POST collections/3":
                if (s.get(2).equals("cluster")) {
                    requireJoined();
                    return clusterOperation(s.get(1), parse(body), consensusWait(query));
                }
                break;
            case "POST collections/4":
                if (s.get(2).equals("points") && s.get(3).equals("count")) {
                    views.collectionInfo(s.get(1));
                    return RestReply.ok(Json.obj("count", cluster.pointsCount(s.get(1))), start);
                }
                break;
            default:
                break;
        }
        throw new QdrantApiException(404, "Not found: no endpoint " + method + " /" + String.join("/", s));
    }

    /** Applies one of Qdrant's collection cluster operations, written exactly as its REST body. */
    private Proposed clusterOperation(String collection, JsonNode body, Duration wait) {
        List<String> operations = List.of("move_shard", "replicate_shard", "drop_replica", "abort_transfer");
        List<String> present = operations.stream().filter(body::has).toList();
        if (present.size() != 1) {
            List<String> fields = new java.util.ArrayList<>();
            body.fieldNames().forEachRemaining(fields::add);
            throw QdrantApiException.badRequest("Format error in JSON body: expected exactly one of " + operations
                    + ", got " + fields);
        }
        String operation = present.get(0);
        JsonNode op = body.get(operation);
        // Fields are checked when the request is read; the change itself is judged when consensus applies it.
        cluster.collection(collection);
        Runnable change = switch (operation) {
            case "move_shard", "replicate_shard" -> {
                TransferKind kind = operation.equals("move_shard") ? TransferKind.MOVE : TransferKind.REPLICATE;
                int shard = intField(op, "shard_id");
                long from = longField(op, "from_peer_id");
                long to = longField(op, "to_peer_id");
                String method = op.path("method").asText("stream_records");
                yield () -> cluster.startTransfer(kind, collection, shard, from, to, method, node);
            }
            case "drop_replica" -> {
                int shard = intField(op, "shard_id");
                long peer = longField(op, "peer_id");
                yield () -> cluster.dropReplica(collection, shard, peer, node);
            }
            case "abort_transfer" -> {
                int shard = intField(op, "shard_id");
                long from = longField(op, "from_peer_id");
                long to = longField(op, "to_peer_id");
                yield () -> cluster.abortTransfer(collection, shard, from, to, node);
            }
            default -> throw new IllegalStateException("unhandled cluster operation " + operation);
        };
        return new Proposed(cluster.propose(operation + " " + op + " of " + collection, node, () -> {
            change.run();
            return true;
        }), wait);
    }

    private CollectionConfig collectionConfig(JsonNode body) {
        JsonNode vectors = body.path("vectors");
        return new CollectionConfig(
                body.has("shard_number") ? intField(body, "shard_number") : Math.max(1, cluster.peers().size()),
                body.has("replication_factor") ? intField(body, "replication_factor") : 1,
                vectors.path("size").asInt(0),
                vectors.path("distance").asText("Cosine"));
    }

    private void requireJoined() {
        if (!node.isJoined()) {
            throw QdrantApiException.noConsensus("this peer has not joined the cluster yet: " + node.notReadyReason());
        }
    }

    private static JsonNode parse(byte[] body) throws JsonProcessingException {
        if (body.length == 0) {
            throw QdrantApiException.badRequest("Format error in JSON body: EOF while parsing a value at line 1 column 0");
        }
        JsonNode node = RestReply.JSON.readTree(new String(body, java.nio.charset.StandardCharsets.UTF_8));
        if (!node.isObject()) {
            throw QdrantApiException.badRequest("Format error in JSON body: expected a JSON object");
        }
        return node;
    }

    private static int intField(JsonNode object, String field) {
        JsonNode value = requireField(object, field);
        if (!value.canConvertToInt() || value.asInt() < 0) {
            throw QdrantApiException.badRequest("Format error in JSON body: invalid value: " + value + ", expected u32 for `"
                    + field + "`");
        }
        return value.asInt();
    }

    private static long longField(JsonNode object, String field) {
        JsonNode value = requireField(object, field);
        if (!value.isIntegralNumber() || value.asLong() < 0) {
            throw QdrantApiException.badRequest("Format error in JSON body: invalid value: " + value + ", expected u64 for `"
                    + field + "`");
        }
        return value.asLong();
    }

    private static JsonNode requireField(JsonNode object, String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            throw QdrantApiException.badRequest("Format error in JSON body: missing field `" + field + "`");
        }
        return value;
    }

    private static long peerId(String text) {
        try {
            return Long.parseUnsignedLong(text);
        } catch (NumberFormatException e) {
            throw QdrantApiException.badRequest("can not parse peer id `" + text + "`: expected an unsigned 64-bit integer");
        }
    }

    private static String validName(String name) {
        if (name.isBlank() || name.length() > 255) {
            throw QdrantApiException.badRequest("Validation error in path parameters: [name: length must be 1..255]");
        }
        return name;
    }

    private static String normalize(String path) {
        if (path == null || path.isEmpty()) {
            return "/";
        }
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
