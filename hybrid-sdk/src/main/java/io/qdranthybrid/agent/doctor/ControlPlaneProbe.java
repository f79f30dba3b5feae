package io.qdranthybrid.agent.doctor;

import io.qdranthybrid.protocol.client.AgentConnectionSettings;
import io.qdranthybrid.protocol.client.CustomCaTrust;
import io.qdranthybrid.protocol.client.ProxySettings;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * Walks the agent's way to the control plane once, with its settings: TCP to the proxy or the host, CONNECT through
 * the proxy, the TLS handshake with the system trust plus the configured CA bundle, and a WebSocket upgrade on the
 * agent's path. It stops at the first step that fails and says which. No access key is sent: the control plane
 * checks it only in the agent's Hello, after the upgrade. Without the upgrade step (the agent at start, whose own
 * connection follows at once) it stops once the transport is up, so the control plane sees no extra session.
 */
public final class ControlPlaneProbe {

    private static final int MAX_HEADER_BYTES = 16 * 1024;

    private final AgentConnectionSettings settings;
    private final Duration timeout;
    private final boolean upgrade;

    /** @param upgrade whether to ask for the WebSocket upgrade too, or stop once TCP, proxy and TLS are up */
    public ControlPlaneProbe(AgentConnectionSettings settings, Duration timeout, boolean upgrade) {
        this.settings = settings;
        this.timeout = timeout;
        this.upgrade = upgrade;
    }

    /** How the agent reaches the control plane, for the report: "directly" or "through proxy http://host:port". */
    public String route() {
        return proxy().map(p -> "through proxy " + p.proxyUrl()).orElse("directly");
    }

    public ReachabilityResult probe() {
        URI url = settings.url();
        boolean tls = !settings.plaintext();
        String host = url.getHost();
        int port = url.getPort() > 0 ? url.getPort() : tls ? 443 : 80;
        Optional<ProxySettings> proxy = proxy();
        String dialled = proxy.map(p -> p.proxyUrl().getHost() + ":" + p.proxyUrl().getPort()).orElse(host + ":" + port);
        Socket socket = new Socket();
        try {
            int millis = (int) timeout.toMillis();
            socket.setSoTimeout(millis);
            try {
                socket.connect(proxy.map(p -> new InetSocketAddress(p.proxyUrl().getHost(), p.proxyUrl().getPort()))
                        .orElse(new InetSocketAddress(host, port)), millis);
            } catch (IOException e) {
                return new ReachabilityResult.TcpFailed(dialled, proxy.isPresent(), reason(e));
            }
            if (proxy.isPresent()) {
                ReachabilityResult.Answered tunnel;
                try {
                    tunnel = exchange(socket, connectRequest(host, port, proxy.get()));
                } catch (IOException e) {
                    return new ReachabilityResult.HttpFailed("the proxy did not answer CONNECT: " + reason(e));
                }
                if (tunnel.status() / 100 != 2) {
                    return new ReachabilityResult.ProxyRefused(tunnel.status(), tunnel.statusLine());
                }
            }
            Socket channel = socket;
            if (tls) {
                try {
                    channel = handshake(socket, host, port);
                } catch (SSLHandshakeException e) {
                    return classify(e);
                } catch (IOException e) {
                    return new ReachabilityResult.TlsFailed(reason(e));
                }
            }
            if (!upgrade) {
                return new ReachabilityResult.TransportUp(tls);
            }
            try {
                return exchange(channel, upgradeRequest(url, host, port, tls));
            } catch (IOException e) {
                return new ReachabilityResult.HttpFailed(reason(e));
            }
        } catch (IOException e) {
            return new ReachabilityResult.TcpFailed(dialled, proxy.isPresent(), reason(e));
        } finally {
            try {
                socket.close();
            } catch (IOException e) {
                // The probe is over; a failing close changes nothing it found.
            }
        }
    }

    private Optional<ProxySettings> proxy() {
        return settings.proxyIfAny().filter(p -> !p.noProxy().bypassesProxy(settings.url().getHost(),
                settings.url().getPort() > 0 ? settings.url().getPort() : settings.plaintext() ? 80 : 443));
    }

    private Socket handshake(Socket socket, String host, int port) throws IOException {
        CustomCaTrust trust = CustomCaTrust.systemPlus(settings.caBundleIfAny().orElse(null));
        SSLSocket ssl = (SSLSocket) trust.socketFactory().createSocket(socket, host, port, true);
        SSLParameters parameters = ssl.getSSLParameters();
        // As OkHttp does for the agent's connection: the certificate must name the host.
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        ssl.setSSLParameters(parameters);
        ssl.startHandshake();
        return ssl;
    }

    private static ReachabilityResult classify(SSLHandshakeException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertPathValidatorException
                    || cause.getClass().getName().endsWith("SunCertPathBuilderException")) {
                return new ReachabilityResult.CertificateNotTrusted(reason(cause));
            }
            // The JDK's HostnameChecker: "No subject alternative DNS name matching ..." or "No name matching ...".
            String message = String.valueOf(cause.getMessage());
            if (cause instanceof CertificateException
                    && (message.startsWith("No subject alternative") || message.startsWith("No name matching"))) {
                return new ReachabilityResult.CertificateMismatch(reason(cause));
            }
        }
        return new ReachabilityResult.TlsFailed(reason(e));
    }

    private static String connectRequest(String host, int port, ProxySettings proxy) {
        String authorization = !proxy.hasCredentials() ? "" : "Proxy-Authorization: Basic " + Base64.getEncoder()
                .encodeToString((proxy.username() + ":" + proxy.password()).getBytes(StandardCharsets.UTF_8)) + "\r\n";
        return "CONNECT " + host + ":" + port + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n" + authorization
                + "\r\n";
    }

    private static String upgradeRequest(URI url, String host, int port, boolean tls) {
        byte[] nonce = new byte[16];
        new SecureRandom().nextBytes(nonce);
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        boolean defaultPort = port == (tls ? 443 : 80);
        return "GET " + path + " HTTP/1.1\r\nHost: " + host + (defaultPort ? "" : ":" + port) + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                + "User-Agent: qdrant-cloud-agent-doctor\r\n\r\n";
    }

    /** Sends a request and reads the answer's head (status line and headers), never its body. */
    private static ReachabilityResult.Answered exchange(Socket socket, String request) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection closed before an HTTP answer");
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : b == end[0] ? 1 : 0;
            if (head.size() > MAX_HEADER_BYTES) {
                throw new IOException("the answer's headers exceed " + MAX_HEADER_BYTES + " bytes");
            }
        }
        String statusLine = head.toString(StandardCharsets.ISO_8859_1).lines().findFirst().orElse("").trim();
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP answer: \"" + abbreviate(statusLine) + "\"");
        }
        try {
            return new ReachabilityResult.Answered(Integer.parseInt(parts[1]), statusLine);
        } catch (NumberFormatException e) {
            throw new IOException("not an HTTP status: \"" + abbreviate(statusLine) + "\"");
        }
    }

    private static String reason(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + abbreviate(message));
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
