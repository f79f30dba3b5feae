package io.qdranthybrid.harness.stack;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The agent's network: bytes pass both ways until cut, nothing passes while cut, and it works again once restored. */
class AgentLinkTest {

    private ServerSocket echo;
    private Thread echoThread;
    private AgentLink link;

    @BeforeEach
    void startEchoServer() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        echoThread = new Thread(() -> {
            while (!echo.isClosed()) {
                try {
                    Socket socket = echo.accept();
                    Thread pump = new Thread(() -> echoBack(socket));
                    pump.setDaemon(true);
                    pump.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        echoThread.setDaemon(true);
        echoThread.start();
        link = AgentLink.to(URI.create("ws://127.0.0.1:" + echo.getLocalPort() + "/agent"));
    }

    @AfterEach
    void stop() throws Exception {
        link.close();
        echo.close();
        echoThread.join(2_000);
    }

    @Test
    void routesTheAgentThroughTheLinkKeepingSchemeAndPath() {
        URI routed = link.route(URI.create("ws://127.0.0.1:" + echo.getLocalPort() + "/agent?v=1"));

        assertThat(routed.getScheme()).isEqualTo("ws");
        assertThat(routed.getPath()).isEqualTo("/agent");
        assertThat(routed.getQuery()).isEqualTo("v=1");
        assertThat(routed.getPort()).isNotEqualTo(echo.getLocalPort());
    }

    @Test
    void relaysBothWaysUntilCutAndAgainAfterRestore() throws IOException {
        URI routed = link.route(URI.create("ws://127.0.0.1:" + echo.getLocalPort()));
        try (Socket before = new Socket(routed.getHost(), routed.getPort())) {
            assertThat(roundTrip(before, "hello")).isEqualTo("hello");
            await().atMost(Duration.ofSeconds(5)).until(() -> link.openConnections() == 1);

            link.cut();

            assertThat(before.getInputStream().read()).as("the open connection is dropped").isEqualTo(-1);
            try (Socket during = new Socket(routed.getHost(), routed.getPort())) {
                during.getOutputStream().write("lost".getBytes(StandardCharsets.UTF_8));
                assertThat(readOrEnd(during)).as("a new connection is refused").isEqualTo(-1);
            }
            assertThat(link.openConnections()).isZero();
        }

        link.restore();

        try (Socket after = new Socket(routed.getHost(), routed.getPort())) {
            assertThat(roundTrip(after, "again")).isEqualTo("again");
        }
    }

    private static String roundTrip(Socket socket, String text) throws IOException {
        socket.setSoTimeout(5_000);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
        return new String(socket.getInputStream().readNBytes(bytes.length), StandardCharsets.UTF_8);
    }

    /** The first byte read, or -1 when the connection ended (a reset counts as ended). */
    private static int readOrEnd(Socket socket) throws IOException {
        socket.setSoTimeout(5_000);
        try {
            return socket.getInputStream().read();
        } catch (java.net.SocketException e) {
            return -1;
        }
    }

    private static void echoBack(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // the link closed the connection
        }
    }
}
