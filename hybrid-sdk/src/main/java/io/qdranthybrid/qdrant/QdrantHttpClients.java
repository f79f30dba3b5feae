package io.qdranthybrid.qdrant;

import io.qdranthybrid.threads.SdkThreads;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The JDK HTTP clients an operator talks to many Qdrant nodes with: a fixed number of them, each node always on the
 * same one, so its pooled connection is reused.
 *
 * <p>Why more than one: a JDK 17 client keeps the idle connections to all hosts in one linked list and walks it to
 * take out the connection it reuses ({@code ConnectionPool.ExpiryList.remove} in
 * {@code java.net.http/jdk/internal/net/http/ConnectionPool.java}); with one idle connection per node of 500
 * three-node clusters, every request walked up to 1,500 entries (about 5 % of the operator's worker time). Spread over
 * {@code n} clients, a walk sees about 1/n of the nodes. All clients share one executor and each has one selector
 * thread, so a handful costs a handful of threads, not one per cluster.
 */
public final class QdrantHttpClients {

    /** The JDK HTTP client's lifetime of an idle pooled connection, in seconds (its module-info lists it). */
    public static final String KEEP_ALIVE_PROPERTY = "jdk.httpclient.keepalive.timeout";
    /** JDK 20's default for {@link #KEEP_ALIVE_PROPERTY} (JDK-8297030); JDK 17's is 1,200 s. */
    static final String IDLE_CONNECTION_SECONDS = "30";

    /** 1,500 nodes (500 clusters) leave about 90 idle connections per list. */
    public static final int DEFAULT_CLIENTS = 16;

    private final List<HttpClient> clients;

    private QdrantHttpClients(List<HttpClient> clients) {
        this.clients = List.copyOf(clients);
    }

    /** {@code count} clients with the given connect timeout, their callbacks on one shared pool of daemon threads. */
    public static QdrantHttpClients create(int count, Duration connectTimeout) {
        if (count < 1) {
            throw new IllegalArgumentException("at least one HTTP client is needed, got " + count);
        }
        ExecutorService callbacks = Executors.newCachedThreadPool(SdkThreads.pool("qdrant-http"));
        List<HttpClient> clients = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            clients.add(HttpClient.newBuilder().connectTimeout(connectTimeout).executor(callbacks).build());
        }
        return new QdrantHttpClients(clients);
    }

    /**
     * Closes pooled connections idle for 30 s, as JDK 20 and later do, unless the JVM was started with its own
     * {@value #KEEP_ALIVE_PROPERTY}. On JDK 17 an idle connection lives 20 minutes: an operator that talked to every
     * node of 500 three-node clusters while they came up then held 1,500 open connections with their buffers,
     * 110 KiB of heap per cluster, long after it had stopped calling them. The JDK reads the property once, when its
     * first HTTP client is built, so this must run first thing in {@code main}.
     */
    public static void closeIdleConnectionsAfterThirtySeconds() {
        if (System.getProperty(KEEP_ALIVE_PROPERTY) == null) {
            System.setProperty(KEEP_ALIVE_PROPERTY, IDLE_CONNECTION_SECONDS);
        }
    }

    /** Every node on one given client (a test's, or one configured for a custom trust). */
    public static QdrantHttpClients single(HttpClient client) {
        return new QdrantHttpClients(List.of(client));
    }

    /** The client for a node: chosen by its host and port alone, so every call to that node lands on it. */
    public HttpClient forNode(URI node) {
        String authority = node.getHost() == null ? String.valueOf(node.getAuthority())
                : node.getHost().toLowerCase(Locale.ROOT) + ":" + node.getPort();
        return clients.get(Math.floorMod(mix(authority.hashCode()), clients.size()));
    }

    /**
     * MurmurHash3's 32-bit finaliser: a String's hash of names that differ in one character (qdrant-c1-0, qdrant-c2-0)
     * varies in its low bits by small multiples of 31, which left 3 of 16 clients with 85 % of the nodes.
     */
    private static int mix(int hash) {
        int h = hash;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }

    public int size() {
        return clients.size();
    }
}
