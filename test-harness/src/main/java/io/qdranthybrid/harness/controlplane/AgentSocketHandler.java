package io.qdranthybrid.harness.controlplane;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.qdranthybrid.platform.session.AgentGateway;
import io.qdranthybrid.platform.session.AgentSession;
import io.qdranthybrid.platform.session.SessionState;
import io.qdranthybrid.platform.session.SessionTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * One agent's WebSocket on Netty, fed to an {@link AgentSession} of the SDK's gateway: text frames in, the session's
 * messages out through a {@link SessionTransport} over the channel. Also tells the event stream when the agent's
 * handshake succeeded and when its connection ended. One instance per connection.
 */
final class AgentSocketHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

    private static final Logger LOG = LoggerFactory.getLogger(AgentSocketHandler.class);
    /** Code for a connection that ended without a close frame (RFC 6455 7.1.5); never sent on the wire. */
    private static final int ABNORMAL_CLOSURE = 1006;

    private final AgentGateway gateway;
    private final ControlPlaneEvents events;
    private AgentSession session;
    private String announcedEnvironment;

    AgentSocketHandler(AgentGateway gateway, ControlPlaneEvents events) {
        this.gateway = gateway;
        this.events = events;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            session = gateway.open(new ChannelTransport(ctx.channel()));
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (session == null) {
            return;
        }
        if (frame instanceof TextWebSocketFrame text) {
            session.onText(text.text());
            announceIfEstablished();
        } else if (frame instanceof BinaryWebSocketFrame) {
            session.onUnsupportedFrame("binary");
        } else if (frame instanceof CloseWebSocketFrame close) {
            session.transportClosed(close.statusCode(), close.reasonText());
            ctx.writeAndFlush(new CloseWebSocketFrame(close.statusCode(), "")).addListener(ChannelFutureListener.CLOSE);
        }
        // Pings and pongs are answered by Netty's protocol handler.
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (session != null) {
            session.transportClosed(ABNORMAL_CLOSURE, "connection closed");
            if (announcedEnvironment != null) {
                events.publish(ControlPlaneEvent.Type.AGENT_DISCONNECTED, announcedEnvironment, "",
                        "session " + session.sessionId() + " ended");
            }
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("Agent connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    private void announceIfEstablished() {
        if (announcedEnvironment == null && session.state() == SessionState.ESTABLISHED) {
            announcedEnvironment = session.environmentId().orElse(null);
            if (announcedEnvironment != null) {
                events.publish(ControlPlaneEvent.Type.AGENT_CONNECTED, announcedEnvironment, "",
                        "session " + session.sessionId());
            }
        }
    }

    /** Sends are asynchronous writes, as the session requires: it calls them holding its lock. */
    private record ChannelTransport(Channel channel) implements SessionTransport {
        @Override
        public boolean send(String text) {
            if (!channel.isActive()) {
                return false;
            }
            channel.writeAndFlush(new TextWebSocketFrame(text));
            return true;
        }

        @Override
        public void close(int code, String reason) {
            if (channel.isActive()) {
                channel.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public Optional<String> remoteAddress() {
            return channel.remoteAddress() instanceof InetSocketAddress address && address.getAddress() != null
                    ? Optional.of(address.getAddress().getHostAddress()) : Optional.empty();
        }
    }
}
