package io.qdranthybrid.platform.postgres;

import io.qdranthybrid.platform.access.AccessKeyStore;
import io.qdranthybrid.platform.access.AccessKeyStoreContract;
import io.qdranthybrid.platform.access.AccessKeys;
import io.qdranthybrid.platform.access.KeyVerification;
import io.qdranthybrid.protocol.SampleMessages;
import io.qdranthybrid.protocol.message.AccessKey;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static io.qdranthybrid.platform.PlatformFixture.secretOf;
import static org.assertj.core.api.Assertions.assertThat;

class PostgresAccessKeyStoreContractTest extends AccessKeyStoreContract {

    private DataSource database;

    @Override
    protected AccessKeyStore newStore() {
        database = TestPostgres.emptied();
        return new PostgresAccessKeyStore(database);
    }

    @Test
    void aKeyRotatedThroughOneReplicaIsRotatedForTheOther() {
        AccessKeys otherReplica = new AccessKeys(new PostgresAccessKeyStore(database),
                Clock.fixed(SampleMessages.T0, ZoneOffset.UTC));
        AccessKey first = keys.issue("env-1");

        AccessKey second = otherReplica.issue("env-1");

        assertThat(keys.verify("env-1", first)).isEqualTo(KeyVerification.ROTATED);
        assertThat(keys.verify("env-1", second)).isEqualTo(KeyVerification.VALID);
    }

    @Test
    void concurrentRotationsLeaveExactlyOneActiveKey() throws Exception {
        List<CompletableFuture<AccessKey>> issued = IntStream.range(0, 10)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> new AccessKeys(new PostgresAccessKeyStore(database),
                        Clock.fixed(SampleMessages.T0, ZoneOffset.UTC)).issue("env-1")))
                .toList();
        List<AccessKey> keysIssued = issued.stream().map(CompletableFuture::join).toList();

        assertThat(keysIssued).filteredOn(key -> keys.verify("env-1", key) == KeyVerification.VALID).hasSize(1);
        assertThat(keysIssued).filteredOn(key -> keys.verify("env-1", key) == KeyVerification.ROTATED).hasSize(9);
    }

    @Test
    void theDatabaseHoldsNoSecret() throws Exception {
        AccessKey key = keys.issue("env-1");

        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT * FROM access_key")) {
            assertThat(rows.next()).isTrue();
            for (int column = 1; column <= rows.getMetaData().getColumnCount(); column++) {
                assertThat(String.valueOf(rows.getString(column))).doesNotContain(secretOf(key));
            }
        }
    }
}
