package io.qdranthybrid.harness.qdrant;

import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.TCPSocketAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a pod spec probe against a simulated node the way the kubelet does: httpGet and tcpSocket for
 * real over loopback; exec succeeds while the process lives (there is no shell to run commands in).
 */
final class NodeProbe {

    private static final Logger LOG = LoggerFactory.getLogger(NodeProbe.class);
    private static final Map<String, Integer> NAMED_PORTS = Map.of(
            "http", QdrantNode.REST_PORT, "rest", QdrantNode.REST_PORT,
            "grpc", QdrantNode.GRPC_PORT, "p2p", QdrantNode.P2P_PORT);

    private final HttpClient http;

    NodeProbe(HttpClient http) {
        this.http = http;
    }

    boolean run(Probe probe, QdrantNode node) {
        Duration timeout = Duration.ofSeconds(probe.getTimeoutSeconds() == null ? 1 : Math.max(1, probe.getTimeoutSeconds()));
        if (probe.getHttpGet() != null) {
            return httpGet(probe.getHttpGet(), node, timeout);
        }
        if (probe.getTcpSocket() != null) {
            return tcpSocket(probe.getTcpSocket(), node, timeout);
        }
        if (probe.getExec() != null || probe.getGrpc() != null) {
            return node.isRunning();
        }
        throw new IllegalArgumentException("probe of pod " + node.settings().podName()
                + " has no httpGet, tcpSocket, exec or grpc handler: " + probe);
    }

    private boolean httpGet(HTTPGetAction action, QdrantNode node, Duration timeout) {
        if ("HTTPS".equalsIgnoreCase(action.getScheme())) {
            LOG.warn("Pod {}: HTTPS probes are not simulated (the node serves plain HTTP); the probe fails",
                    node.settings().podName());
            return false;
        }
        Optional<URI> base = port(action.getPort(), node).flatMap(node::endpoint);
        if (base.isEmpty()) {
            return false;
        }
        String path = action.getPath() == null || action.getPath().isEmpty() ? "/" : action.getPath();
        HttpRequest.Builder request = HttpRequest.newBuilder(base.get().resolve(path.startsWith("/") ? path : "/" + path))
                .timeout(timeout).GET();
        if (action.getHttpHeaders() != null) {
            action.getHttpHeaders().forEach(h -> request.header(h.getName(), h.getValue()));
        }
        try {
            int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            return status >= 200 && status < 400;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean tcpSocket(TCPSocketAction action, QdrantNode node, Duration timeout) {
        Optional<Integer> port = port(action.getPort(), node);
        if (port.isEmpty()) {
            return false;
        }
        if (port.get() != QdrantNode.REST_PORT) {
            // gRPC and p2p are not served over real sockets; they are open exactly while the process runs.
            return node.isRunning();
        }
        Optional<URI> endpoint = node.endpoint(QdrantNode.REST_PORT);
        if (endpoint.isEmpty()) {
            return false;
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.get().getHost(), endpoint.get().getPort()), (int) timeout.toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<Integer> port(IntOrString port, QdrantNode node) {
        if (port == null) {
            return Optional.empty();
        }
        if (port.getIntVal() != null) {
            int value = port.getIntVal();
            return NAMED_PORTS.containsValue(value) ? Optional.of(value) : Optional.empty();
        }
        Integer named = NAMED_PORTS.get(port.getStrVal());
        if (named == null) {
            LOG.warn("Pod {}: probe port name {} is unknown; Qdrant exposes http/rest, grpc and p2p", node.settings().podName(),
                    port.getStrVal());
        }
        return Optional.ofNullable(named);
    }
}
