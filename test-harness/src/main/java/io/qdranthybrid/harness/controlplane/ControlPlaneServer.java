package io.qdranthybrid.harness.controlplane;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The control plane's one listening socket on loopback: WebSocket upgrades on {@value #AGENT_PATH} become agent
 * sessions, every other HTTP request goes to the HTTP handler (REST API and console). It can stop listening and
 * drop every connection (an outage) and listen again on the same port.
 */
final class ControlPlaneServer implements AutoCloseable {

    static final String AGENT_PATH = "/agent";
    private static final Logger LOG = LoggerFactory.getLogger(ControlPlaneServer.class);
    private static final int MAX_HTTP_REQUEST_BYTES = 1024 * 1024;

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2,
            new DefaultThreadFactory("qdrant-control-plane", true), NioIoHandler.newFactory());
    /**
     * Runs the HTTP handler off the I/O threads: a REST call that waits for an agent's answer (logs on request) must
     * not stall the agents' WebSockets sharing those threads, whose heartbeats would then time out.
     */
    private final EventExecutorGroup httpWorkers = new DefaultEventExecutorGroup(4,
            new DefaultThreadFactory("qdrant-control-plane-http", true));
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final Supplier<ChannelHandler> agentHandlers;
    private final Supplier<ChannelHandler> httpHandlers;
    private final int maxFrameBytes;
    private final boolean allInterfaces;
    private Channel listening;
    private int port;

    /**
     * @param agentHandlers makes the handler of one agent WebSocket
     * @param httpHandlers  makes (or shares) the handler of plain HTTP requests, which arrive as FullHttpRequests
     * @param maxFrameBytes largest WebSocket message accepted; the session answers oversized protocol messages itself,
     *                      so this is a generous outer bound
     * @param allInterfaces listen on every interface instead of loopback only, for an agent on another machine
     */
    ControlPlaneServer(int port, Supplier<ChannelHandler> agentHandlers, Supplier<ChannelHandler> httpHandlers,
                       int maxFrameBytes, boolean allInterfaces) {
        this.port = port;
        this.allInterfaces = allInterfaces;
        this.agentHandlers = agentHandlers;
        this.httpHandlers = httpHandlers;
        this.maxFrameBytes = maxFrameBytes;
    }

    /** Binds 127.0.0.1 (or every interface) on the configured port, or on the port bound before. */
    synchronized void listen() {
        if (listening != null) {
            return;
        }
        WebSocketServerProtocolConfig webSocket = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(AGENT_PATH)
                .maxFramePayloadLength(maxFrameBytes)
                .handleCloseFrames(false)
                .build();
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        connections.add(channel);
                        channel.pipeline().addLast(
                                new HttpServerCodec(),
                                new HttpObjectAggregator(MAX_HTTP_REQUEST_BYTES),
                                new WebSocketServerProtocolHandler(webSocket),
                                new WebSocketFrameAggregator(maxFrameBytes),
                                agentHandlers.get());
                        channel.pipeline().addLast(httpWorkers, httpHandlers.get());
                    }
                });
        try {
            listening = bootstrap.bind(allInterfaces ? new InetSocketAddress(port)
                    : new InetSocketAddress(InetAddress.getLoopbackAddress(), port)).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding port " + port, e);
        } catch (Exception e) {
            if (e instanceof BindException) {
                throw new UncheckedIOException("cannot listen on " + (allInterfaces ? "*:" : "127.0.0.1:") + port + ": " + e.getMessage(), (BindException) e);
            }
            throw e;
        }
        port = ((InetSocketAddress) listening.localAddress()).getPort();
        LOG.info("Simulated control plane listening on {}:{}", allInterfaces ? "every interface" : "127.0.0.1", port);
    }

    /** Closes the listening socket and every open connection, without a close handshake: the peer just vanishes. */
    synchronized void stopListening() {
        if (listening == null) {
            return;
        }
        listening.close().syncUninterruptibly();
        listening = null;
        connections.close().awaitUninterruptibly();
        LOG.info("Simulated control plane on port {} stopped listening and dropped every connection", port);
    }

    synchronized boolean isListening() {
        return listening != null;
    }

    /** The bound port (the configured one until the first bind). */
    synchronized int port() {
        return port;
    }

    @Override
    public void close() {
        stopListening();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        httpWorkers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
