package io.qdranthybrid.agent.metrics;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Reads one Prometheus text endpoint (a Qdrant node's {@code /metrics}, the operator's {@code /prometheus}) with a
 * timeout and a size bound; anything but a 200 within the bound is an {@link Unavailable} saying what happened
 * ("answered 503", "failed: ConnectException"), for the caller to prefix with what it asked.
 */
final class PrometheusEndpoint {

    /** The largest body read; Qdrant's and the operator's are a few kilobytes. */
    static final int MAX_BYTES = 1024 * 1024;

    private final HttpClient http;
    private final Duration timeout;

    PrometheusEndpoint(HttpClient http, Duration timeout) {
        this.http = http;
        this.timeout = timeout;
    }

    /** @return the body of a 200 answer to GET {@code uri} */
    String read(URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new Unavailable("answered " + response.statusCode(), response.statusCode());
            }
            if (response.body().length > MAX_BYTES) {
                throw new Unavailable("answered " + response.body().length + " bytes, more than " + MAX_BYTES,
                        response.statusCode());
            }
            return new String(response.body(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new Unavailable("failed: " + describe(e), 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted", 0);
        }
    }

    /**
     * The JDK's ConnectException often has no message and the reason in its root cause (a name that does not resolve
     * is an UnresolvedAddressException, a refused connection a ClosedChannelException): the root cause says it then.
     */
    private static String describe(Throwable e) {
        String text = words(e);
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (e.getMessage() != null || root == e) {
            return text;
        }
        // What the JDK's client leaves at the root of the two usual failures, in words.
        if (root instanceof java.nio.channels.UnresolvedAddressException) {
            return text + ": the host name does not resolve";
        }
        if (root instanceof java.nio.channels.ClosedChannelException) {
            return text + ": the connection was refused or closed";
        }
        String rootWords = root.getClass() == e.getClass() ? root.getMessage() : words(root);
        return rootWords == null ? text : text + " (" + rootWords + ")";
    }

    private static String words(Throwable e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
    }

    /** An endpoint that could not be read, with why; {@code status} is the HTTP status, 0 when none came. */
    static final class Unavailable extends RuntimeException {
        private final int status;

        Unavailable(String message, int status) {
            super(message, null, false, false);
            this.status = status;
        }

        int status() {
            return status;
        }
    }
}
