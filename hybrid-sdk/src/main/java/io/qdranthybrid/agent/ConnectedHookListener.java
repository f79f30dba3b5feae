package io.qdranthybrid.agent;

import io.qdranthybrid.protocol.client.ConnectionListener;
import io.qdranthybrid.protocol.message.MessageType;
import io.qdranthybrid.protocol.message.NackReason;
import io.qdranthybrid.protocol.message.Refused;
import io.qdranthybrid.protocol.message.Welcome;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * The user's connection listener, plus the agent's own reaction to an established session (the prerequisites check
 * runs again). Called on the session thread: the hook only starts work elsewhere.
 */
final class ConnectedHookListener implements ConnectionListener {

    private final ConnectionListener user;
    private final Consumer<Boolean> onConnected;

    /** @param onConnected called with {@code reconnect} after the user's listener */
    ConnectedHookListener(ConnectionListener user, Consumer<Boolean> onConnected) {
        this.user = user;
        this.onConnected = onConnected;
    }

    @Override
    public void connected(Welcome welcome, boolean reconnect) {
        user.connected(welcome, reconnect);
        onConnected.accept(reconnect);
    }

    @Override
    public void disconnected(String reason) {
        user.disconnected(reason);
    }

    @Override
    public void connectFailed(Throwable cause) {
        user.connectFailed(cause);
    }

    @Override
    public void refused(Refused refused, Duration retryIn) {
        user.refused(refused, retryIn);
    }

    @Override
    public void reconnectScheduled(Duration delay, int attempt) {
        user.reconnectScheduled(delay, attempt);
    }

    @Override
    public void messageReceived(MessageType type) {
        user.messageReceived(type);
    }

    @Override
    public void messageSent(MessageType type) {
        user.messageSent(type);
    }

    @Override
    public void unknownMessageIgnored(String type) {
        user.unknownMessageIgnored(type);
    }

    @Override
    public void inboundRejected(NackReason reason, String detail) {
        user.inboundRejected(reason, detail);
    }

    @Override
    public void bufferChanged(int buffered, long droppedTotal) {
        user.bufferChanged(buffered, droppedTotal);
    }
}
