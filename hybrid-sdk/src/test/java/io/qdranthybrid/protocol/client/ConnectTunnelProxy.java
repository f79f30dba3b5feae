package io.qdranthybrid.protocol.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal HTTP CONNECT proxy for tests: demands Basic credentials (407 otherwise), then tunnels bytes both ways and
 * counts them. Records every CONNECT target and Proxy-Authorization header it saw.
 */
final class ConnectTunnelProxy implements AutoCloseable {

    private final ServerSocket server;
    private final String expectedAuthorization;
    final List<String> connectTargets = new CopyOnWriteArrayList<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    final AtomicLong challenges = new AtomicLong();
    final AtomicLong bytesUpstream = new AtomicLong();
    final AtomicLong bytesDownstream = new AtomicLong();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    ConnectTunnelProxy(String expectedAuthorization) throws IOException {
        this.expectedAuthorization = expectedAuthorization;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "test-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                sockets.add(client);
                Thread handler = new Thread(() -> handle(client), "test-proxy-conn");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void handle(Socket client) {
        try {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            while (true) {
                List<String> head = readHead(in);
                if (head.isEmpty()) {
                    client.close();
                    return;
                }
                String[] requestLine = head.get(0).split(" ");
                String authorization = head.stream()
                        .filter(h -> h.toLowerCase(Locale.ROOT).startsWith("proxy-authorization:"))
                        .map(h -> h.substring(h.indexOf(':') + 1).trim()).findFirst().orElse(null);
                if (authorization != null) {
                    authorizations.add(authorization);
                }
                if (!requestLine[0].equals("CONNECT")) {
                    out.write("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    continue;
                }
                connectTargets.add(requestLine[1]);
                if (!expectedAuthorization.equals(authorization)) {
                    challenges.incrementAndGet();
                    out.write(("HTTP/1.1 407 Proxy Authentication Required\r\n"
                            + "Proxy-Authenticate: Basic realm=\"test\"\r\nContent-Length: 0\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    continue;
                }
                String[] target = requestLine[1].split(":");
                Socket upstream = new Socket(target[0], Integer.parseInt(target[1]));
                sockets.add(upstream);
                out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread pump = new Thread(() -> pump(upstream, client, bytesDownstream), "test-proxy-down");
                pump.setDaemon(true);
                pump.start();
                pump(client, upstream, bytesUpstream);
                return;
            }
        } catch (IOException e) {
            // The test decides by what was recorded; a torn connection ends the tunnel.
        }
    }

    private static List<String> readHead(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        List<String> lines = new java.util.ArrayList<>();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1).stripTrailing();
                line.reset();
                if (text.isEmpty()) {
                    return lines;
                }
                lines.add(text);
            } else {
                line.write(b);
            }
        }
        return List.of();
    }

    private static void pump(Socket from, Socket to, AtomicLong counter) {
        byte[] chunk = new byte[8192];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(chunk)) != -1) {
                out.write(chunk, 0, n);
                out.flush();
                counter.addAndGet(n);
            }
        } catch (IOException e) {
            // Either side closed: the tunnel is over.
        } finally {
            try {
                to.close();
                from.close();
            } catch (IOException ignored) {
                // Already closed.
            }
        }
    }
}
