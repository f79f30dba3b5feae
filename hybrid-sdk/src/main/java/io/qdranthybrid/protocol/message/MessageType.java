package io.qdranthybrid.protocol.message;

import java.util.Arrays;
import java.util.Optional;

/** The envelope {@code type} of every message, with the direction it may travel in. */
public enum MessageType {
    HELLO("hello", true, false),
    WELCOME("welcome", false, true),
    REFUSED("refused", false, true),
    DESIRED_STATE("desired-state", false, true),
    DESIRED_STATE_PART("desired-state-part", false, true),
    COMMAND("command", false, true),
    RESYNC_REQUEST("resync-request", false, true),
    QUERY("query", false, true),
    QUERY_RESULT("query-result", true, false),
    RESOURCE_STATUS("resource-status", true, false),
    ENVIRONMENT_STATUS("environment-status", true, false),
    TELEMETRY("telemetry", true, false),
    ACK("ack", true, true),
    NACK("nack", true, true),
    HEARTBEAT("heartbeat", true, true);

    private final String wireName;
    private final boolean sentByAgent;
    private final boolean sentByControlPlane;

    MessageType(String wireName, boolean sentByAgent, boolean sentByControlPlane) {
        this.wireName = wireName;
        this.sentByAgent = sentByAgent;
        this.sentByControlPlane = sentByControlPlane;
    }

    public String wireName() {
        return wireName;
    }

    public boolean sentByAgent() {
        return sentByAgent;
    }

    public boolean sentByControlPlane() {
        return sentByControlPlane;
    }

    public static Optional<MessageType> fromWireName(String wireName) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(wireName)).findFirst();
    }
}
