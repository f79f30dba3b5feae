package io.qdranthybrid.harness.stack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * The operator's {@code /prometheus} as its Service serves it (port 8285 in deploy/), on loopback for the stack's
 * lifetime so the agent keeps one URL across operator restarts. While no operator runs it answers 503, as a Service
 * without a ready pod fails the agent's scrape.
 */
final class OperatorMetricsEndpoint implements AutoCloseable {

    static final String PATH = "/prometheus";

    private final HttpServer server;

    private OperatorMetricsEndpoint(HttpServer server) {
        this.server = server;
    }

    /** @param current the running operator's metrics, null while none runs */
    static OperatorMetricsEndpoint start(Supplier<ControllerRuntimeMetrics> current) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext(PATH, exchange -> answer(exchange, current.get()));
            server.start();
            return new OperatorMetricsEndpoint(server);
        } catch (IOException e) {
            throw new UncheckedIOException("the operator's metrics endpoint could not listen on loopback", e);
        }
    }

    private static void answer(HttpExchange exchange, ControllerRuntimeMetrics metrics) throws IOException {
        try (exchange) {
            boolean up = metrics != null;
            byte[] body = (up ? metrics.render() : "no operator is running\n").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(up ? 200 : 503, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
