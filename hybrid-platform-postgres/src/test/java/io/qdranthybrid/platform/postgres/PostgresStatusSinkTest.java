package io.qdranthybrid.platform.postgres;

import io.qdranthybrid.platform.sink.ResourceRejection;
import io.qdranthybrid.protocol.message.NackReason;
import io.qdranthybrid.protocol.message.ResourceStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Instant;

import static io.qdranthybrid.protocol.SampleMessages.T0;
import static io.qdranthybrid.protocol.SampleMessages.clusterKey;
import static io.qdranthybrid.protocol.SampleMessages.json;
import static org.assertj.core.api.Assertions.assertThat;

/** The behaviour of the SDK's InMemorySinksTest for statuses, on PostgreSQL and across replicas. */
class PostgresStatusSinkTest {

    private DataSource database;
    private PostgresStatusSink sink;

    @BeforeEach
    void emptyDatabase() {
        database = TestPostgres.emptied();
        sink = new PostgresStatusSink(database);
    }

    @Test
    void theLatestObservationPerResourceIsKeptWhicheverReplicaWroteIt() {
        PostgresStatusSink otherReplica = new PostgresStatusSink(database);
        ResourceStatus creating = new ResourceStatus(clusterKey("a"), 1, json("{\"phase\":\"Creating\"}"), T0);
        ResourceStatus healthy = new ResourceStatus(clusterKey("a"), 1, json("{\"phase\":\"Healthy\"}"),
                T0.plusNanos(1));
        ResourceStatus other = new ResourceStatus(clusterKey("b"), 2, json("{\"phase\":\"Creating\"}"), T0);

        sink.resourceStatus("env-1", creating);
        otherReplica.resourceStatus("env-1", healthy);
        sink.resourceStatus("env-1", creating); // a resend after reconnect, older than what is held
        sink.resourceStatus("env-1", other);

        assertThat(otherReplica.latest("env-1", clusterKey("a"))).contains(healthy);
        assertThat(sink.statuses("env-1")).containsExactly(healthy, other);
        assertThat(sink.statuses("env-2")).isEmpty();
        assertThat(sink.latest("env-1", clusterKey("c"))).isEmpty();
    }

    @Test
    void aStatusObservedAtTheSameInstantReplacesTheHeldOne() {
        ResourceStatus first = new ResourceStatus(clusterKey("a"), 1, json("{\"phase\":\"Creating\"}"), T0);
        ResourceStatus second = new ResourceStatus(clusterKey("a"), 2, json("{\"phase\":\"Healthy\"}"), T0);

        sink.resourceStatus("env-1", first);
        sink.resourceStatus("env-1", second);

        assertThat(sink.latest("env-1", clusterKey("a"))).contains(second);
    }

    @Test
    void rejectionsStayUntilTheAgentAppliesTheirRevisionOrLater() {
        Instant at = Instant.parse("2026-11-24T10:00:00.123456Z");
        sink.resourceRejected("env-1", new ResourceRejection(clusterKey("a"), 3, NackReason.INVALID, "bad size", at));
        ResourceRejection later = new ResourceRejection(clusterKey("b"), 5, NackReason.INVALID, "bad", at);
        sink.resourceRejected("env-1", later);
        sink.resourceRejected("env-2", new ResourceRejection(clusterKey("a"), 1, NackReason.INVALID, "bad", at));

        new PostgresStatusSink(database).desiredStateApplied("env-1", 4);

        assertThat(sink.rejections("env-1")).containsExactly(later);
        assertThat(sink.rejections("env-2")).hasSize(1);
    }
}
