package io.qdranthybrid.samples.platform;

import io.qdranthybrid.protocol.client.AgentConnection;
import io.qdranthybrid.protocol.client.AgentConnectionSettings;
import io.qdranthybrid.protocol.client.ConnectionListener;
import io.qdranthybrid.protocol.client.ControlPlaneHandler;
import io.qdranthybrid.protocol.delivery.ApplyLedger;
import io.qdranthybrid.protocol.delivery.ApplyOutcome;
import io.qdranthybrid.protocol.message.AccessKey;
import io.qdranthybrid.protocol.message.Command;
import io.qdranthybrid.protocol.message.DesiredResource;
import io.qdranthybrid.protocol.message.DesiredState;
import io.qdranthybrid.protocol.session.BackoffPolicy;

import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An agent reduced to its connection: the SDK's {@link AgentConnection} dialling one replica, acknowledging every
 * desired state and command and remembering the names of the resources and commands it was given, for tests about where things are delivered.
 */
final class RecordingAgent implements ControlPlaneHandler, AutoCloseable {

    final AgentConnection connection;
    private final Set<String> resources = ConcurrentHashMap.newKeySet();
    private final Set<String> commands = ConcurrentHashMap.newKeySet();

    RecordingAgent(URI replica, String environmentId, AccessKey accessKey) {
        connection = new AgentConnection(AgentConnectionSettings.builder(replica, environmentId, accessKey, "test")
                .allowInsecure(true)
                .backoff(new BackoffPolicy(Duration.ofMillis(50), Duration.ofMillis(500), Duration.ofSeconds(30),
                        Duration.ofMillis(100), Duration.ofSeconds(1)))
                .build(), this, ConnectionListener.NONE, new ApplyLedger());
        connection.start();
    }

    /** Names of every resource some desired state carried to this agent. */
    Set<String> received() {
        return Set.copyOf(resources);
    }

    @Override
    public ApplyOutcome applyDesiredState(DesiredState state) {
        state.resources().stream().map(DesiredResource::key).forEach(key -> resources.add(key.name()));
        return ApplyOutcome.applied();
    }

    /** Names of the commands this agent ran. */
    Set<String> ran() {
        return Set.copyOf(commands);
    }

    @Override
    public ApplyOutcome runCommand(Command command) {
        commands.add(command.name());
        return ApplyOutcome.applied();
    }

    @Override
    public void close() {
        connection.close();
    }
}
