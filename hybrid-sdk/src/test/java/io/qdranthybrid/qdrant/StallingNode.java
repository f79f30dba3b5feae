package io.qdranthybrid.qdrant;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * A node that answers 200 with its headers and the first bytes of a body, then stalls with the connection open
 * until closed: what a hung or overloaded Qdrant looks like mid-response.
 */
final class StallingNode implements AutoCloseable {

    private final ServerSocket server;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread acceptor;

    StallingNode() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::serve, "stalling-qdrant-node");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/");
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                readRequestHead(socket.getInputStream());
                OutputStream out = socket.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 4096\r\n\r\n"
                        + "{\"result\":{\"collections\":[").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                closed.await(); // never sends the rest
            } catch (IOException | InterruptedException e) {
                return;
            }
        }
    }

    private static void readRequestHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
        }
    }

    @Override
    public void close() throws IOException {
        closed.countDown();
        server.close();
    }
}
