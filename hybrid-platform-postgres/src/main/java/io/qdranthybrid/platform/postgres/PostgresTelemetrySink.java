package io.qdranthybrid.platform.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.qdranthybrid.platform.sink.TelemetrySink;
import io.qdranthybrid.protocol.message.KubernetesEvent;
import io.qdranthybrid.protocol.message.MetricSample;
import io.qdranthybrid.protocol.message.Telemetry;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The most recent metrics and events per environment in PostgreSQL, bounded like the SDK's in-memory sink: beyond
 * {@code capacityPerEnvironment} items the oldest are evicted, from the larger of the two kinds so a burst of metrics
 * cannot wipe out the rarer events, and counted. Each batch is one transaction that holds the environment's counter
 * row, so replicas writing the same environment at once stay within the bound.
 */
public final class PostgresTelemetrySink implements TelemetrySink {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final Jdbc jdbc;
    private final int capacityPerEnvironment;

    public PostgresTelemetrySink(DataSource dataSource, int capacityPerEnvironment) {
        if (capacityPerEnvironment < 1) {
            throw new IllegalArgumentException("capacityPerEnvironment must be >= 1 but was " + capacityPerEnvironment);
        }
        this.jdbc = new Jdbc(dataSource);
        this.capacityPerEnvironment = capacityPerEnvironment;
    }

    @Override
    public void telemetry(String environmentId, Telemetry batch) {
        jdbc.inTransaction("store telemetry of environment " + environmentId, connection -> {
            try (PreparedStatement counter = connection.prepareStatement("INSERT INTO telemetry_counter"
                    + " (environment_id, dropped_by_agent, evicted) VALUES (?, ?, 0) ON CONFLICT (environment_id)"
                    + " DO UPDATE SET dropped_by_agent = telemetry_counter.dropped_by_agent + excluded.dropped_by_agent")) {
                counter.setString(1, environmentId);
                counter.setLong(2, batch.droppedItems());
                counter.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO telemetry_item (environment_id, is_event, item) VALUES (?, ?, ?::jsonb)")) {
                for (MetricSample metric : batch.metrics()) {
                    addItem(insert, environmentId, false, metric);
                }
                for (KubernetesEvent event : batch.events()) {
                    addItem(insert, environmentId, true, event);
                }
                insert.executeBatch();
            }
            evictBeyondCapacity(connection, environmentId);
            return null;
        });
    }

    public List<MetricSample> recentMetrics(String environmentId) {
        return items(environmentId, false, MetricSample.class);
    }

    public List<KubernetesEvent> recentEvents(String environmentId) {
        return items(environmentId, true, KubernetesEvent.class);
    }

    /** Items the environment's agent reported it had to drop before sending. */
    public long droppedByAgent(String environmentId) {
        return counter(environmentId, "dropped_by_agent");
    }

    /** Items this sink evicted to stay within its capacity. */
    public long evicted(String environmentId) {
        return counter(environmentId, "evicted");
    }

    private void evictBeyondCapacity(Connection connection, String environmentId) throws SQLException {
        long metrics = 0;
        long events = 0;
        try (PreparedStatement count = connection.prepareStatement("SELECT count(*) FILTER (WHERE NOT is_event),"
                + " count(*) FILTER (WHERE is_event) FROM telemetry_item WHERE environment_id = ?")) {
            count.setString(1, environmentId);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                metrics = rows.getLong(1);
                events = rows.getLong(2);
            }
        }
        long evictMetrics = 0;
        long evictEvents = 0;
        while (metrics + events > capacityPerEnvironment) {
            if (metrics >= events) {
                metrics--;
                evictMetrics++;
            } else {
                events--;
                evictEvents++;
            }
        }
        if (evictMetrics + evictEvents == 0) {
            return;
        }
        try (PreparedStatement evict = connection.prepareStatement("DELETE FROM telemetry_item WHERE id IN (SELECT id"
                + " FROM telemetry_item WHERE environment_id = ? AND is_event = ? ORDER BY id LIMIT ?)")) {
            bindEviction(evict, environmentId, false, evictMetrics);
            bindEviction(evict, environmentId, true, evictEvents);
            evict.executeBatch();
        }
        try (PreparedStatement counter = connection.prepareStatement(
                "UPDATE telemetry_counter SET evicted = evicted + ? WHERE environment_id = ?")) {
            counter.setLong(1, evictMetrics + evictEvents);
            counter.setString(2, environmentId);
            counter.executeUpdate();
        }
    }

    private static void bindEviction(PreparedStatement evict, String environmentId, boolean events, long count)
            throws SQLException {
        evict.setString(1, environmentId);
        evict.setBoolean(2, events);
        evict.setLong(3, count);
        evict.addBatch();
    }

    private static void addItem(PreparedStatement insert, String environmentId, boolean event, Object item)
            throws SQLException {
        insert.setString(1, environmentId);
        insert.setBoolean(2, event);
        try {
            insert.setString(3, JSON.writeValueAsString(item));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a telemetry item of environment " + environmentId, e);
        }
        insert.addBatch();
    }

    private <T> List<T> items(String environmentId, boolean events, Class<T> type) {
        return jdbc.inTransaction("read telemetry of environment " + environmentId, connection -> {
            List<T> items = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT item FROM telemetry_item"
                    + " WHERE environment_id = ? AND is_event = ? ORDER BY id")) {
                select.setString(1, environmentId);
                select.setBoolean(2, events);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        items.add(JSON.readValue(rows.getString(1), type));
                    }
                }
            } catch (JsonProcessingException e) {
                throw new PlatformStoreException("cannot read stored telemetry of environment " + environmentId
                        + ": " + e.getOriginalMessage(), e);
            }
            return items;
        });
    }

    private long counter(String environmentId, String column) {
        return jdbc.inTransaction("read telemetry counters of environment " + environmentId, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + column + " FROM telemetry_counter WHERE environment_id = ?")) {
                select.setString(1, environmentId);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? rows.getLong(1) : 0L;
                }
            }
        });
    }
}
