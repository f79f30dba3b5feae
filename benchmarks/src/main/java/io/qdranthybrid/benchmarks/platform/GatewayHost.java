package io.qdranthybrid.benchmarks.platform;

import io.qdranthybrid.platform.access.AccessKeys;
import io.qdranthybrid.platform.access.InMemoryAccessKeyStore;
import io.qdranthybrid.platform.desired.DesiredStateStores;
import io.qdranthybrid.platform.environment.InMemoryEnvironmentRegistry;
import io.qdranthybrid.platform.session.AgentGateway;
import io.qdranthybrid.platform.session.AgentWebSocketListener;
import io.qdranthybrid.platform.session.SessionSettings;
import io.qdranthybrid.platform.sink.InMemoryStatusSink;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;

/**
 * A control plane on loopback for benchmarks: the SDK's in-memory registry, access keys, desired-state stores and
 * status sink behind an {@link AgentGateway}, served over WebSocket by OkHttp's MockWebServer (our branch has no other
 * WebSocket server host; MockWebServer serves each connection on its own thread). It can refuse new connections for a
 * while, to cut agents off and let them back in.
 */
public final class GatewayHost implements AutoCloseable {

    public final InMemoryEnvironmentRegistry registry = new InMemoryEnvironmentRegistry();
    public final AccessKeys keys = new AccessKeys(new InMemoryAccessKeyStore(), Clock.systemUTC());
    public final DesiredStateStores stores = new DesiredStateStores(registry);
    public final InMemoryStatusSink statuses = new InMemoryStatusSink();
    private final AgentGateway gateway;
    private final MockWebServer server = new MockWebServer();
    private volatile boolean accepting = true;

    public GatewayHost(SessionSettings settings) {
        gateway = AgentGateway.builder(registry, keys, stores).statusSink(statuses).settings(settings).build();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return accepting ? new MockResponse().withWebSocketUpgrade(new AgentWebSocketListener(gateway))
                        : new MockResponse().setResponseCode(503).setBody("refusing connections for the benchmark");
            }
        });
    }

    public GatewayHost start() throws IOException {
        gateway.start();
        server.start(InetAddress.getLoopbackAddress(), 0);
        return this;
    }

    public URI url() {
        return URI.create("ws://" + server.getHostName() + ":" + server.getPort() + "/agent");
    }

    public AgentGateway gateway() {
        return gateway;
    }

    public void refuseConnections() {
        accepting = false;
    }

    public void acceptConnections() {
        accepting = true;
    }

    @Override
    public void close() throws IOException {
        gateway.close();
        server.shutdown();
    }
}
