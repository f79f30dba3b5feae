package io.qdranthybrid.platform.session;

import io.qdranthybrid.protocol.message.Command;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Commands waiting for an environment's agent, shared by the replicas of a control plane (SPI): a command sent through
 * one replica is delivered by whichever holds the agent's session, and its one answer reaches the replica that waits
 * for it. {@link InMemoryCommandQueue} is the default (one process); {@code PostgresCommandQueue} shares them through
 * PostgreSQL.
 *
 * <p>Each command ends once: answered (the first answer wins; the agent answers a redelivered command from its ledger,
 * never running it twice) or expired (its time ran out unanswered: it is not delivered any more).
 */
public interface CommandQueue {

    /** Queues {@code command} for the environment's agent until answered or {@code expiresAt}. */
    void enqueue(String environmentId, Command command, Instant expiresAt);

    /** How many commands of the environment wait for an answer. */
    int waiting(String environmentId);

    /** The environment's unanswered commands that have not expired, oldest first. */
    List<Command> pending(String environmentId, Instant now);

    /** Records the agent's answer; false if the command was already answered, expired or unknown. */
    boolean answer(String environmentId, CommandResult result);

    /** The answer to a command, once there is one. */
    Optional<CommandResult> answerOf(String commandId);

    /** Ends the unanswered commands whose time ran out at {@code now} (they are not delivered any more). */
    void expire(Instant now);

    /** Drops every command of the environment (it was decommissioned). */
    void forget(String environmentId);

    /** From now on, tell {@code listener} about commands queued and answered through any replica, on any thread. */
    void subscribe(Listener listener);

    /** Told about other replicas' commands; may be told twice or about this replica's own. */
    interface Listener {

        /** The environment has new commands for its agent. */
        void commandQueued(String environmentId);

        /** A command of the environment was answered. */
        void commandAnswered(String environmentId, String commandId);
    }
}
