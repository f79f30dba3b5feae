package io.qdranthybrid.platform.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qdranthybrid.platform.session.CommandQueue;
import io.qdranthybrid.platform.session.CommandResult;
import io.qdranthybrid.protocol.message.Command;
import io.qdranthybrid.protocol.message.NackReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Pending commands in PostgreSQL, shared by every replica. Queuing and answering send {@code pg_notify} in their
 * transaction: the replica holding the agent's session delivers a command queued elsewhere, the replica that waits
 * hears the answer. The first answer wins in one conditional update, so a command answered through two replicas (the
 * agent reconnected meanwhile) has one result. After a (re)connection, every environment with waiting commands is
 * announced again, so a missed notification delays a command by the catch-up at most.
 */
public final class PostgresCommandQueue implements CommandQueue {

    static final String CHANNEL = "qdrant_hybrid_command";
    /** How long an ended command's row stays for the replica waiting for its answer. */
    private static final Duration KEEP_ENDED = Duration.ofHours(1);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(PostgresCommandQueue.class);

    private final Jdbc jdbc;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    /** Registers on {@code notifications}; create it before {@link PostgresNotifications#start}. */
    public PostgresCommandQueue(DataSource dataSource, PostgresNotifications notifications) {
        this.jdbc = new Jdbc(dataSource);
        notifications.listen(CHANNEL, this::notified);
        notifications.onCatchUp(this::catchUp);
    }

    @Override
    public void enqueue(String environmentId, Command command, Instant expiresAt) {
        jdbc.inTransaction("queue command " + command.commandId() + " for environment " + environmentId, connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO pending_command (command_id,"
                    + " environment_id, name, args, expires_at, state) VALUES (?, ?, ?, ?::jsonb, ?, 'PENDING')")) {
                insert.setString(1, command.commandId());
                insert.setString(2, environmentId);
                insert.setString(3, command.name());
                insert.setString(4, toJson(command));
                insert.setTimestamp(5, Timestamp.from(expiresAt));
                insert.executeUpdate();
            }
            notify(connection, "queued:" + environmentId);
            return null;
        });
    }

    @Override
    public int waiting(String environmentId) {
        return jdbc.inTransaction("count the commands waiting for environment " + environmentId, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT count(*) FROM pending_command WHERE environment_id = ? AND state = 'PENDING'")) {
                select.setString(1, environmentId);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    return row.getInt(1);
                }
            }
        });
    }

    @Override
    public List<Command> pending(String environmentId, Instant now) {
        return jdbc.inTransaction("read the commands waiting for environment " + environmentId, connection -> {
            List<Command> pending = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT command_id, name, args FROM"
                    + " pending_command WHERE environment_id = ? AND state = 'PENDING' AND expires_at > ?"
                    + " ORDER BY position")) {
                select.setString(1, environmentId);
                select.setTimestamp(2, Timestamp.from(now));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        pending.add(new Command(rows.getString(1), rows.getString(2), fromJson(rows.getString(3))));
                    }
                }
            }
            return pending;
        });
    }

    @Override
    public boolean answer(String environmentId, CommandResult result) {
        return jdbc.inTransaction("record the answer to command " + result.commandId(), connection -> {
            int updated;
            try (PreparedStatement update = connection.prepareStatement("UPDATE pending_command SET state = ?,"
                    + " reject_reason = ?, reject_message = ?, ended_at = now() WHERE command_id = ?"
                    + " AND environment_id = ? AND state = 'PENDING'")) {
                boolean completed = result instanceof CommandResult.Completed;
                update.setString(1, completed ? "COMPLETED" : "REJECTED");
                update.setString(2, completed ? null : ((CommandResult.Rejected) result).reason().name());
                update.setString(3, completed ? null : ((CommandResult.Rejected) result).message());
                update.setString(4, result.commandId());
                update.setString(5, environmentId);
                updated = update.executeUpdate();
            }
            if (updated == 1) {
                notify(connection, "answered:" + result.commandId() + ":" + environmentId);
            }
            return updated == 1;
        });
    }

    @Override
    public Optional<CommandResult> answerOf(String commandId) {
        return jdbc.inTransaction("read the answer to command " + commandId, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT state, reject_reason, reject_message FROM pending_command WHERE command_id = ?")) {
                select.setString(1, commandId);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    return switch (row.getString(1)) {
                        case "COMPLETED" -> Optional.of(new CommandResult.Completed(commandId));
                        case "REJECTED" -> Optional.of(new CommandResult.Rejected(commandId,
                                NackReason.valueOf(row.getString(2)), row.getString(3)));
                        default -> Optional.empty();
                    };
                }
            }
        });
    }

    @Override
    public void expire(Instant now) {
        jdbc.inTransaction("expire the commands whose time ran out", connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE pending_command SET state = 'EXPIRED',"
                    + " ended_at = now() WHERE state = 'PENDING' AND expires_at <= ?")) {
                update.setTimestamp(1, Timestamp.from(now));
                update.executeUpdate();
            }
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM pending_command WHERE state <> 'PENDING' AND ended_at < ?")) {
                delete.setTimestamp(1, Timestamp.from(now.minus(KEEP_ENDED)));
                delete.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void forget(String environmentId) {
        jdbc.inTransaction("forget the commands of environment " + environmentId, connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM pending_command WHERE environment_id = ?")) {
                delete.setString(1, environmentId);
                delete.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void subscribe(Listener listener) {
        listeners.add(listener);
    }

    private void notified(String payload) {
        if (payload.startsWith("queued:")) {
            String environmentId = payload.substring("queued:".length());
            listeners.forEach(listener -> listener.commandQueued(environmentId));
        } else if (payload.startsWith("answered:")) {
            String rest = payload.substring("answered:".length());
            int colon = rest.indexOf(':');
            listeners.forEach(listener -> listener.commandAnswered(rest.substring(colon + 1), rest.substring(0, colon)));
        } else {
            LOG.warn("Ignoring a malformed command notification '{}'", payload);
        }
    }

    /** Every environment with waiting commands: what a notification lost during an outage would have said. */
    private void catchUp() {
        List<String> environments = jdbc.inTransaction("read the environments with waiting commands", connection -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT DISTINCT environment_id FROM pending_command WHERE state = 'PENDING'");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            return ids;
        });
        environments.forEach(id -> listeners.forEach(listener -> listener.commandQueued(id)));
    }

    private static void notify(Connection connection, String payload) throws SQLException {
        Jdbc.notifyOnCommit(connection, CHANNEL, payload);
    }

    private static String toJson(Command command) {
        try {
            return JSON.writeValueAsString(command.args());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize the arguments of command " + command.commandId(), e);
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode fromJson(String args) {
        try {
            return JSON.readTree(args);
        } catch (JsonProcessingException e) {
            throw new PlatformStoreException("cannot read stored command arguments: " + e.getOriginalMessage(), e);
        }
    }
}
