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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a pod spec probe against a simulated node the way the kubelet does: httpGet and tcpSocket for
 * real over loopback; exec succeeds while the process lives (there is no shell to run commands in).
 * An httpGet probe opens a connection of its own and closes it after the response, as the kubelet does (it
 * disables keep-alive for probes); a pooling client would also scan its pool of one idle connection per node on
 * every request, which costs more than the probe itself with a thousand nodes.
 */
final class NodeProbe {

    private static final Logger LOG = LoggerFactory.getLogger(NodeProbe.class);
    private static final Map<String, Integer> NAMED_PORTS = Map.of(
            "http", QdrantNode.REST_PORT, "rest", QdrantNode.REST_PORT,
            "grpc", QdrantNode.GRPC_PORT, "p2p", QdrantNode.P2P_PORT);

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
        boolean https = "HTTPS".equalsIgnoreCase(action.getScheme());
        Optional<URI> base = port(action.getPort(), node).flatMap(node::endpoint);
        if (base.isEmpty()) {
            return false;
        }
        String path = action.getPath() == null || action.getPath().isEmpty() ? "/" : action.getPath();
        URI uri = base.get().resolve(path.startsWith("/") ? path : "/" + path);
        StringBuilder request = new StringBuilder("GET ").append(uri.getRawPath())
                .append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n")
                .append("User-Agent: kube-probe/1.31\r\nAccept: */*\r\nConnection: close\r\n");
        if (action.getHttpHeaders() != null) {
            action.getHttpHeaders().forEach(h -> request.append(h.getName()).append(": ").append(h.getValue()).append("\r\n"));
        }
        request.append("\r\n");
        int millis = (int) timeout.toMillis();
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), millis);
            plain.setSoTimeout(millis);
            // An HTTPS probe speaks TLS but, as the kubelet's, does not verify the certificate
            // (https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/).
            Socket socket = https ? UnverifiedTls.wrap(plain, uri.getHost(), uri.getPort()) : plain;
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            // Read to the end (the server closes after the response) so it never writes into a reset connection.
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            int endOfStatusLine = response.indexOf("\r\n");
            int status = statusCode(endOfStatusLine < 0 ? response : response.substring(0, endOfStatusLine));
            return status >= 200 && status < 400;
        } catch (IOException e) {
            return false;
        }
    }

    /** The code of a status line such as {@code HTTP/1.1 200 OK}; -1 when there is none. */
    private static int statusCode(String statusLine) {
        String[] parts = statusLine.split(" ", 3);
        try {
            return parts.length >= 2 && parts[0].startsWith("HTTP/") ? Integer.parseInt(parts[1]) : -1;
        } catch (NumberFormatException e) {
            return -1;
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
