package io.qdranthybrid.benchmarks.platform;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryLedgerTest {

    @Test
    void aChangeIsDeliveredByTheFirstRevisionAtOrAboveItsOwn() {
        DeliveryLedger ledger = new DeliveryLedger();
        ledger.record("put env-a 2 1000000");
        ledger.record("put env-a 3 1005000");
        ledger.record("applied env-a 3 1040000");

        DeliveryLedger.Result result = ledger.result();

        assertThat(result.latenciesMillis()).containsExactly(35.0, 40.0);
        assertThat(result.lost()).isZero();
        assertThat(result.doubled()).isZero();
    }

    @Test
    void changesNeverAppliedAreLostAndRevisionsAppliedTwiceAreDoubled() {
        DeliveryLedger ledger = new DeliveryLedger();
        ledger.record("put env-a 2 1000000");
        ledger.record("put env-b 5 1000000");
        ledger.record("applied env-a 2 1010000");
        ledger.record("applied env-a 2 1900000");
        ledger.record("applied env-b 4 1010000");
        ledger.record("[platform-replica] started in 3 s");

        DeliveryLedger.Result result = ledger.result();

        assertThat(result.latenciesMillis()).containsExactly(10.0);
        assertThat(result.lost()).as("env-b only got an older revision").isEqualTo(1);
        assertThat(result.doubled()).isEqualTo(1);
        assertThat(ledger.askedCount()).isEqualTo(2);
    }
}
