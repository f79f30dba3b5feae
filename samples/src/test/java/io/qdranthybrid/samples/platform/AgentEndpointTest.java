package io.qdranthybrid.samples.platform;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.qdranthybrid.protocol.codec.DecodeResult;
import io.qdranthybrid.protocol.codec.MessageCodec;
import io.qdranthybrid.protocol.message.AccessKey;
import io.qdranthybrid.protocol.message.ControlPlaneMessage;
import io.qdranthybrid.protocol.message.Envelope;
import io.qdranthybrid.protocol.message.Hello;
import io.qdranthybrid.protocol.message.RefusalReason;
import io.qdranthybrid.protocol.message.Refused;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The sample's Micronaut endpoint as a stranger on the network meets it. */
class AgentEndpointTest {

    /** SessionLimits' default: failed Hellos allowed per address and minute. */
    private static final int ALLOWED_FAILURES = 20;

    @TempDir
    Path dataDirectory;

    private final MessageCodec codec = new MessageCodec();
    private final OkHttpClient http = new OkHttpClient();
    private ApplicationContext platform;

    @AfterEach
    void stop() {
        http.dispatcher().executorService().shutdown();
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void anAddressGuessingEnvironmentsIsTurnedAwayAfterTheAllowedFailures() throws Exception {
        platform = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", -1,
                "micronaut.server.host", "127.0.0.1",
                "platform.data-dir", dataDirectory.toString())).getApplicationContext();
        String url = CustomPlatform.agentUrl(platform.getBean(EmbeddedServer.class)).toString();

        List<RefusalReason> refusals = new ArrayList<>();
        for (int i = 0; i <= ALLOWED_FAILURES; i++) {
            refusals.add(helloRefusal(url, "guess-" + i));
        }

        assertThat(refusals.subList(0, ALLOWED_FAILURES)).containsOnly(RefusalReason.UNKNOWN_ENVIRONMENT);
        assertThat(refusals.get(ALLOWED_FAILURES)).as("the gateway knows the endpoint's remote address")
                .isEqualTo(RefusalReason.UNAVAILABLE);
    }

    private RefusalReason helloRefusal(String url, String environmentId) throws Exception {
        CompletableFuture<RefusalReason> refused = new CompletableFuture<>();
        Hello hello = new Hello(environmentId, AccessKey.parse("7b0c6f0e-3c52-4a8e-9a59-0c0a2d1b5e11|not-the-key"),
                "0.1.0", List.of(1), 0);
        WebSocket socket = http.newWebSocket(new Request.Builder().url(url).build(), new WebSocketListener() {
            @Override
            public void onOpen(WebSocket webSocket, Response response) {
                webSocket.send(codec.encode(Envelope.wrap(hello, Clock.systemUTC())));
            }

            @Override
            public void onMessage(WebSocket webSocket, String text) {
                if (codec.decodeFromControlPlane(text) instanceof DecodeResult.Decoded<ControlPlaneMessage> decoded
                        && decoded.envelope().message() instanceof Refused r) {
                    refused.complete(r.reason());
                }
            }

            @Override
            public void onFailure(WebSocket webSocket, Throwable t, Response response) {
                refused.completeExceptionally(t);
            }
        });
        try {
            return refused.get(10, TimeUnit.SECONDS);
        } finally {
            socket.cancel();
        }
    }
}
