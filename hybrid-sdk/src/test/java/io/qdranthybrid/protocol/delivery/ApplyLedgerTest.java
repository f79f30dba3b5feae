package io.qdranthybrid.protocol.delivery;

import io.qdranthybrid.protocol.message.DesiredResource;
import io.qdranthybrid.protocol.message.DesiredState;
import io.qdranthybrid.protocol.message.NackReason;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.qdranthybrid.protocol.SampleMessages.cluster;
import static io.qdranthybrid.protocol.SampleMessages.clusterKey;
import static org.assertj.core.api.Assertions.assertThat;

class ApplyLedgerTest {

    @Test
    void aNewerSnapshotIsAppliedWhole() {
        ApplyLedger ledger = new ApplyLedger(5, 10);
        DesiredState snapshot = DesiredState.snapshot(8, List.of(cluster("a", 2), cluster("b", 8)));

        assertThat(ledger.plan(snapshot)).isEqualTo(new DesiredStatePlan.Apply(snapshot));
    }

    @Test
    void aRedeliveredRevisionIsNotAppliedAgain() {
        ApplyLedger ledger = new ApplyLedger(0, 10);
        DesiredState state = DesiredState.snapshot(3, List.of(cluster("a", 3)));
        ledger.recordApplied(3);

        assertThat(ledger.plan(state)).isEqualTo(new DesiredStatePlan.AlreadyApplied(3, 3));
        assertThat(ledger.plan(DesiredState.delta(1, 2, List.of()))).isInstanceOf(DesiredStatePlan.AlreadyApplied.class);
    }

    @Test
    void aDeltaOnTheLastAppliedRevisionIsAppliedWhole() {
        ApplyLedger ledger = new ApplyLedger(5, 10);
        DesiredState delta = DesiredState.delta(5, 7, List.of(cluster("a", 6), DesiredResource.tombstone(clusterKey("b"), 7)));

        assertThat(ledger.plan(delta)).isEqualTo(new DesiredStatePlan.Apply(delta));
    }

    @Test
    void anOverlappingDeltaSkipsTheResourcesAlreadyApplied() {
        ApplyLedger ledger = new ApplyLedger(6, 10);
        DesiredState delta = DesiredState.delta(4, 8, List.of(cluster("a", 5), cluster("b", 6), cluster("c", 8)));

        assertThat(ledger.plan(delta)).isEqualTo(new DesiredStatePlan.Apply(
                DesiredState.delta(4, 8, List.of(cluster("c", 8)))));
    }

    @Test
    void aDeltaFromARevisionNeverAppliedIsAGap() {
        ApplyLedger ledger = new ApplyLedger(4, 10);

        assertThat(ledger.plan(DesiredState.delta(6, 8, List.of(cluster("a", 8)))))
                .isEqualTo(new DesiredStatePlan.RevisionGap(6, 4));
    }

    @Test
    void theAppliedRevisionNeverMovesBackwards() {
        ApplyLedger ledger = new ApplyLedger(0, 10);
        ledger.recordApplied(9);
        ledger.recordApplied(4);

        assertThat(ledger.lastAppliedRevision()).isEqualTo(9);
    }

    @Test
    void aHandledCommandIsRememberedWithItsOutcome() {
        ApplyLedger ledger = new ApplyLedger(0, 10);
        ApplyOutcome rejected = ApplyOutcome.rejected(NackReason.UNSUPPORTED, "unknown command");
        ledger.recordCommand("c-1", ApplyOutcome.applied());
        ledger.recordCommand("c-2", rejected);

        assertThat(ledger.previousOutcome("c-1")).contains(ApplyOutcome.applied());
        assertThat(ledger.previousOutcome("c-2")).contains(rejected);
        assertThat(ledger.previousOutcome("c-3")).isEmpty();
    }

    @Test
    void aRetryableFailureIsNotRememberedSoTheRedeliveryRunsAgain() {
        ApplyLedger ledger = new ApplyLedger(0, 10);
        ledger.recordCommand("c-1", ApplyOutcome.rejected(NackReason.APPLY_FAILED, "API server unavailable"));

        assertThat(ledger.previousOutcome("c-1")).isEmpty();
    }

    @Test
    void onlyTheMostRecentCommandsAreRemembered() {
        ApplyLedger ledger = new ApplyLedger(0, 3);
        for (int i = 1; i <= 5; i++) {
            ledger.recordCommand("c-" + i, ApplyOutcome.applied());
        }

        assertThat(ledger.previousOutcome("c-1")).isEmpty();
        assertThat(ledger.previousOutcome("c-2")).isEmpty();
        assertThat(ledger.previousOutcome("c-3")).isPresent();
        assertThat(ledger.previousOutcome("c-5")).isPresent();
    }
}
