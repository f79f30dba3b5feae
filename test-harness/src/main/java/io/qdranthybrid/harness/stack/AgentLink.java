package io.qdranthybrid.harness.stack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The network between the agent and the control plane: a TCP relay on a loopback port that the agent dials instead
 * of the control plane. {@link #cut()} drops every relayed connection and refuses new ones until
 * {@link #restore()}, like a firewall change or a lost uplink; neither end is told, each finds out as it would in
 * production. Bytes are relayed untouched, so WebSocket framing and TLS pass through.
 */
public final class AgentLink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AgentLink.class);

    private final InetSocketAddress target;
    private final ServerSocket server;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean cut;
    private volatile boolean closed;

    private AgentLink(InetSocketAddress target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = daemon(this::acceptLoop, "agent-link-" + server.getLocalPort());
        acceptor.start();
    }

    /** Opens a relay to the host and port of {@code controlPlaneUrl}. */
    public static AgentLink to(URI controlPlaneUrl) {
        int port = controlPlaneUrl.getPort() > 0 ? controlPlaneUrl.getPort()
                : "wss".equalsIgnoreCase(controlPlaneUrl.getScheme()) ? 443 : 80;
        try {
            return new AgentLink(new InetSocketAddress(controlPlaneUrl.getHost(), port));
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a loopback port for the agent's link to " + controlPlaneUrl, e);
        }
    }

    /** {@code controlPlaneUrl} with its host and port replaced by this relay's, path and scheme kept. */
    public URI route(URI controlPlaneUrl) {
        try {
            return new URI(controlPlaneUrl.getScheme(), controlPlaneUrl.getUserInfo(),
                    InetAddress.getLoopbackAddress().getHostAddress(), server.getLocalPort(), controlPlaneUrl.getPath(),
                    controlPlaneUrl.getQuery(), controlPlaneUrl.getFragment());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("cannot route " + controlPlaneUrl + " through the agent link", e);
        }
    }

    /** Drops every open connection and refuses new ones until {@link #restore()}. */
    public void cut() {
        cut = true;
        closeAll();
        LOG.info("Agent link to {} cut", target);
    }

    public void restore() {
        cut = false;
        LOG.info("Agent link to {} restored", target);
    }

    public boolean isCut() {
        return cut;
    }

    /** Connections currently relayed (each counts its two sockets once). */
    public int openConnections() {
        return sockets.size() / 2;
    }

    private void acceptLoop() {
        while (!closed) {
            Socket inbound;
            try {
                inbound = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("Agent link stopped accepting: {}", e.toString());
                }
                return;
            }
            if (cut) {
                closeQuietly(inbound);
                continue;
            }
            relay(inbound);
        }
    }

    private void relay(Socket inbound) {
        Socket outbound = new Socket();
        try {
            outbound.connect(target, 5_000);
        } catch (IOException e) {
            // The control plane is down: the agent sees its connection end, as it would dialling directly.
            closeQuietly(inbound);
            closeQuietly(outbound);
            return;
        }
        sockets.add(inbound);
        sockets.add(outbound);
        if (cut) {
            // cut() ran while this connection was being dialled and did not see it.
            closeAll();
            return;
        }
        String name = "agent-link-" + server.getLocalPort() + "-" + inbound.getPort();
        daemon(() -> pump(inbound, outbound), name + "-up").start();
        daemon(() -> pump(outbound, inbound), name + "-down").start();
    }

    /** Copies until either side ends, then closes both so the other pump ends too. */
    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (SocketException e) {
            // closed by cut(), close() or the other pump
        } catch (IOException e) {
            LOG.debug("Agent link relay ended: {}", e.toString());
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            sockets.remove(from);
            sockets.remove(to);
        }
    }

    private void closeAll() {
        sockets.forEach(AgentLink::closeQuietly);
        sockets.clear();
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        closeAll();
        try {
            acceptor.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread daemon(Runnable body, String name) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.trace("close failed: {}", e.toString());
        }
    }
}
