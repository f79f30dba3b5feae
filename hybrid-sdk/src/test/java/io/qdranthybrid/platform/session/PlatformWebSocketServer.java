package io.qdranthybrid.platform.session;

import okhttp3.WebSocketListener;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** A control-plane endpoint on MockWebServer's WebSocket upgrade: each connection gets a fresh listener. */
final class PlatformWebSocketServer implements AutoCloseable {

    private final MockWebServer server = new MockWebServer();
    final AtomicInteger upgrades = new AtomicInteger();
    volatile Supplier<WebSocketListener> listeners;

    PlatformWebSocketServer(Supplier<WebSocketListener> listeners) {
        this.listeners = listeners;
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                upgrades.incrementAndGet();
                return new MockResponse().withWebSocketUpgrade(PlatformWebSocketServer.this.listeners.get());
            }
        });
    }

    PlatformWebSocketServer start() throws IOException {
        server.start();
        return this;
    }

    URI url() {
        return URI.create("ws://" + server.getHostName() + ":" + server.getPort() + "/agent/v1");
    }

    @Override
    public void close() throws IOException {
        server.shutdown();
    }
}
