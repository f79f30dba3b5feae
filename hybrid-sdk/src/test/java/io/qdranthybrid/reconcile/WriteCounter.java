package io.qdranthybrid.reconcile;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;

import java.util.ArrayList;
import java.util.List;

/**
 * Test utility: an HTTP interceptor recording every request a client sends, so a test can assert that a reconcile of
 * an unchanged world writes nothing (POST, PUT, PATCH, DELETE), or how many requests something costs. Install it with
 * {@link MockKube#countingClient}.
 */
final class WriteCounter implements Interceptor {

    private final List<String> requests = new ArrayList<>();

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        synchronized (requests) {
            requests.add(request.method() + " " + request.uri().getPath());
        }
    }

    /** Writes since the last reset, as "METHOD /path". */
    List<String> writes() {
        synchronized (requests) {
            return requests.stream().filter(r -> !r.startsWith("GET ")).toList();
        }
    }

    /** Every request since the last reset, reads included, as "METHOD /path". */
    List<String> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    void reset() {
        synchronized (requests) {
            requests.clear();
        }
    }
}
