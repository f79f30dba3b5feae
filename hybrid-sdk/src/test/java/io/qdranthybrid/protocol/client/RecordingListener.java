package io.qdranthybrid.protocol.client;

import io.qdranthybrid.protocol.message.MessageType;
import io.qdranthybrid.protocol.message.NackReason;
import io.qdranthybrid.protocol.message.Refused;
import io.qdranthybrid.protocol.message.Welcome;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records connection events for assertions. */
final class RecordingListener implements ConnectionListener {

    final List<Welcome> connected = new CopyOnWriteArrayList<>();
    final List<Boolean> reconnectFlags = new CopyOnWriteArrayList<>();
    final List<String> disconnected = new CopyOnWriteArrayList<>();
    final List<Throwable> failures = new CopyOnWriteArrayList<>();
    final List<Refused> refusals = new CopyOnWriteArrayList<>();
    final List<Duration> refusalDelays = new CopyOnWriteArrayList<>();
    final List<String> unknownTypes = new CopyOnWriteArrayList<>();
    final List<NackReason> rejected = new CopyOnWriteArrayList<>();
    final List<MessageType> sent = new CopyOnWriteArrayList<>();
    volatile int lastBuffered;
    volatile long lastDropped;

    @Override
    public void connected(Welcome welcome, boolean reconnect) {
        connected.add(welcome);
        reconnectFlags.add(reconnect);
    }

    @Override
    public void disconnected(String reason) {
        disconnected.add(reason);
    }

    @Override
    public void connectFailed(Throwable cause) {
        failures.add(cause);
    }

    @Override
    public void refused(Refused refused, Duration retryIn) {
        refusals.add(refused);
        refusalDelays.add(retryIn);
    }

    @Override
    public void unknownMessageIgnored(String type) {
        unknownTypes.add(type);
    }

    @Override
    public void inboundRejected(NackReason reason, String detail) {
        rejected.add(reason);
    }

    @Override
    public void bufferChanged(int buffered, long droppedTotal) {
        lastBuffered = buffered;
        lastDropped = droppedTotal;
    }

    @Override
    public void messageSent(MessageType type) {
        sent.add(type);
    }
}
