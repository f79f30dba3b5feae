package io.qdranthybrid.benchmarks.platform;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP load balancer on loopback, as a platform would put in front of its replicas: each new connection goes to the
 * next replica in turn, skipping one that refuses the connection; when either side closes, so does the other, so the
 * agents of a replica that dies see their connection drop and dial again. One selector thread for every connection
 * (a thread per connection would itself be what the benchmark counts). Counts accepted connections, the agents'
 * connection attempts.
 */
final class LoadBalancer implements AutoCloseable {

    private static final int BUFFER_BYTES = 64 * 1024;

    private final List<InetSocketAddress> replicas;
    private final Selector selector;
    private final ServerSocketChannel listener;
    private final Thread thread;
    private final AtomicLong accepted = new AtomicLong();
    private int next;
    private volatile boolean running = true;

    LoadBalancer(List<InetSocketAddress> replicas) throws IOException {
        this.replicas = replicas;
        this.selector = Selector.open();
        this.listener = ServerSocketChannel.open();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
        listener.configureBlocking(false);
        listener.register(selector, SelectionKey.OP_ACCEPT);
        thread = new Thread(this::run, "load-balancer");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return listener.socket().getLocalPort();
    }

    /** Connections accepted so far: every agent's attempt to connect, successful or not. */
    long accepted() {
        return accepted.get();
    }

    private void run() {
        while (running) {
            try {
                selector.select(200);
                for (var iterator = selector.selectedKeys().iterator(); iterator.hasNext(); ) {
                    SelectionKey key = iterator.next();
                    iterator.remove();
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.isAcceptable()) {
                        accept();
                    } else if (key.attachment() instanceof Side side) {
                        side.ready(key);
                    }
                }
            } catch (IOException e) {
                if (running) {
                    System.err.println("load balancer: " + e);
                }
            }
        }
    }

    private void accept() throws IOException {
        SocketChannel client;
        while ((client = listener.accept()) != null) {
            accepted.incrementAndGet();
            client.configureBlocking(false);
            SocketChannel replica = connectToSomeReplica();
            if (replica == null) {
                client.close();
                continue;
            }
            Side agent = new Side(client);
            Side server = new Side(replica);
            agent.out = server.in = new Pipe(agent, server);
            server.out = agent.in = new Pipe(server, agent);
            agent.key = client.register(selector, SelectionKey.OP_READ, agent);
            server.key = replica.register(selector, SelectionKey.OP_READ, server);
        }
    }

    /** Blocking connect on loopback: a live replica answers at once, a dead one refuses at once. */
    private SocketChannel connectToSomeReplica() {
        for (int tries = 0; tries < replicas.size(); tries++) {
            InetSocketAddress target = replicas.get(next++ % replicas.size());
            try {
                SocketChannel channel = SocketChannel.open(target);
                channel.configureBlocking(false);
                return channel;
            } catch (IOException refused) {
                // that replica is down: try the next
            }
        }
        return null;
    }

    /** One socket of a proxied connection: what it sends goes out through {@code out}, what it receives comes in. */
    private static final class Side {
        final SocketChannel channel;
        SelectionKey key;
        Pipe out;
        Pipe in;

        Side(SocketChannel channel) {
            this.channel = channel;
        }

        void ready(SelectionKey selected) {
            try {
                if (selected.isValid() && selected.isWritable()) {
                    in.flush();
                }
                if (selected.isValid() && selected.isReadable()) {
                    out.read();
                }
            } catch (IOException | java.nio.channels.CancelledKeyException e) {
                out.closeBoth();
            }
        }
    }

    /** Bytes from one side to the other; reading pauses while the other side has not taken the last chunk. */
    private static final class Pipe {
        final Side from;
        final Side to;
        final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);

        Pipe(Side from, Side to) {
            this.from = from;
            this.to = to;
        }

        void read() throws IOException {
            if (from.channel.read(buffer) < 0) {
                closeBoth();
                return;
            }
            buffer.flip();
            flush();
        }

        void flush() throws IOException {
            to.channel.write(buffer);
            if (buffer.hasRemaining()) {
                from.key.interestOps(from.key.interestOps() & ~SelectionKey.OP_READ);
                to.key.interestOps(to.key.interestOps() | SelectionKey.OP_WRITE);
            } else {
                buffer.clear();
                from.key.interestOps(from.key.interestOps() | SelectionKey.OP_READ);
                to.key.interestOps(to.key.interestOps() & ~SelectionKey.OP_WRITE);
            }
        }

        void closeBoth() {
            closeQuietly(from.channel);
            closeQuietly(to.channel);
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() throws Exception {
        running = false;
        thread.join(2_000);
        selector.keys().forEach(key -> {
            try {
                key.channel().close();
            } catch (IOException ignored) {
                // closing anyway
            }
        });
        selector.close();
    }
}
