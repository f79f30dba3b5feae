package io.qdranthybrid.platform.postgres;

import io.qdranthybrid.platform.session.AgentWebSocketListener;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

import java.io.IOException;
import java.net.URI;

/**
 * The one address agents dial, in front of the replicas: each WebSocket upgrade goes to the replica it currently
 * routes to, or is answered 503 while it routes nowhere (every replica down).
 */
final class LoadBalancer implements AutoCloseable {

    private final MockWebServer server = new MockWebServer();
    private volatile ControlPlaneReplica target;

    LoadBalancer() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                ControlPlaneReplica replica = target;
                return replica == null ? new MockResponse().setResponseCode(503)
                        : new MockResponse().withWebSocketUpgrade(new AgentWebSocketListener(replica.gateway));
            }
        });
        server.start();
    }

    void routeTo(ControlPlaneReplica replica) {
        target = replica;
    }

    URI url() {
        return URI.create("ws://" + server.getHostName() + ":" + server.getPort() + "/agent/v1");
    }

    @Override
    public void close() throws IOException {
        server.shutdown();
    }
}
