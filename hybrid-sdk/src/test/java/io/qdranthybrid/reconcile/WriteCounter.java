package io.qdranthybrid.reconcile;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;

import java.util.ArrayList;
import java.util.List;

/**
 * Test utility: an HTTP interceptor recording every write (POST, PUT, PATCH, DELETE) a client sends, so a test can
 * assert that a reconcile of an unchanged world writes nothing. Install it with {@link MockKube#countingClient}.
 */
final class WriteCounter implements Interceptor {

    private final List<String> writes = new ArrayList<>();

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        if (!"GET".equalsIgnoreCase(request.method())) {
            synchronized (writes) {
                writes.add(request.method() + " " + request.uri().getPath());
            }
        }
    }

    /** Writes since the last reset, as "METHOD /path". */
    List<String> writes() {
        synchronized (writes) {
            return List.copyOf(writes);
        }
    }

    void reset() {
        synchronized (writes) {
            writes.clear();
        }
    }
}
