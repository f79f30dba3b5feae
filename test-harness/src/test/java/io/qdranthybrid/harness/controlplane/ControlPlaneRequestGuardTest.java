package io.qdranthybrid.harness.controlplane;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15 item 15: a web page in the developer's browser cannot drive the simulated control plane. Requests are
 * written byte by byte on a socket, because a browser under DNS rebinding sends a Host no HTTP client library lets us
 * forge.
 */
class ControlPlaneRequestGuardTest {

    private SimulatedControlPlane controlPlane;

    @BeforeEach
    void start() {
        controlPlane = SimulatedControlPlane.start(ControlPlaneSettings.fast().withAdvertiseHost("cp.example.test"));
    }

    @AfterEach
    void stop() {
        controlPlane.close();
    }

    private static final String ENVIRONMENTS = "/api/v1/hybrid-cloud-environments";
    private static final String NEW_ENVIRONMENT = "{\"name\":\"web\",\"namespace\":\"qdrant\"}";

    /** The status line and body of one request with exactly these headers. */
    private String send(String method, String path, String host, String origin, String contentType, String body)
            throws IOException {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
        if (host != null) {
            head.append("Host: ").append(host).append("\r\n");
        }
        if (origin != null) {
            head.append("Origin: ").append(origin).append("\r\n");
        }
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        head.append("Content-Length: ").append(content.length).append("\r\nConnection: close\r\n\r\n");
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), controlPlane.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            String text = answer.toString(StandardCharsets.UTF_8);
            return text.substring(0, text.indexOf("\r\n")) + " " + text.substring(text.indexOf("\r\n\r\n") + 4);
        }
    }

    private String local() {
        return "127.0.0.1:" + controlPlane.port();
    }

    @Test
    void aRebindingHostIsRefusedForReadsAndWritesAndNothingIsCreated() throws IOException {
        assertThat(send("GET", ENVIRONMENTS, "evil.example:" + controlPlane.port(), null, null, null))
                .startsWith("HTTP/1.1 421").contains("host 'evil.example:");
        assertThat(send("GET", "/", "evil.example", null, null, null)).startsWith("HTTP/1.1 421");
        assertThat(send("POST", ENVIRONMENTS, "evil.example", null, "application/json", NEW_ENVIRONMENT))
                .startsWith("HTTP/1.1 421");
        assertThat(send("GET", ENVIRONMENTS, null, null, null, null)).startsWith("HTTP/1.1 421");

        assertThat(controlPlane.environments().list()).isEmpty();
    }

    @Test
    void loopbackNamesAndTheAdvertisedHostAreServed() throws IOException {
        for (String host : new String[] {local(), "localhost:" + controlPlane.port(), "[::1]:" + controlPlane.port(),
                "CP.example.test"}) {
            assertThat(send("GET", ENVIRONMENTS, host, null, null, null)).as(host).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void aCrossSiteWriteIsRefusedAndASameOriginOneServed() throws IOException {
        assertThat(send("POST", ENVIRONMENTS, local(), "https://evil.example", "application/json", NEW_ENVIRONMENT))
                .startsWith("HTTP/1.1 403").contains("origin 'https://evil.example'");
        assertThat(send("DELETE", ENVIRONMENTS + "/x", local(), "null", "application/json", null))
                .startsWith("HTTP/1.1 403");
        assertThat(controlPlane.environments().list()).isEmpty();

        assertThat(send("POST", ENVIRONMENTS, local(), "http://" + local(), "application/json", NEW_ENVIRONMENT))
                .startsWith("HTTP/1.1 201");
    }

    @Test
    void aWriteThatIsNotJsonIsRefusedWith415() throws IOException {
        for (String type : new String[] {null, "text/plain", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x"}) {
            assertThat(send("POST", ENVIRONMENTS, local(), null, type, NEW_ENVIRONMENT)).as(String.valueOf(type))
                    .startsWith("HTTP/1.1 415").contains("Content-Type application/json");
        }
        assertThat(controlPlane.environments().list()).isEmpty();

        assertThat(send("POST", ENVIRONMENTS, local(), null, "application/json; charset=utf-8", NEW_ENVIRONMENT))
                .startsWith("HTTP/1.1 201");
    }
}
