package io.qdranthybrid.protocol.delivery;

import io.qdranthybrid.protocol.message.DesiredResource;
import io.qdranthybrid.protocol.message.DesiredState;
import io.qdranthybrid.protocol.message.DesiredStateMode;
import io.qdranthybrid.protocol.message.ResourceKey;
import io.qdranthybrid.protocol.message.ResourceKind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.qdranthybrid.protocol.SampleMessages.cluster;
import static org.assertj.core.api.Assertions.assertThat;

class PendingDesiredStateTest {

    private final PendingDesiredState pending = new PendingDesiredState();

    @Test
    void aNewerSnapshotReplacesWhatWaitsAndEveryEnvelopeIsRemembered() {
        assertThat(pending.offer("e1", DesiredState.snapshot(5, List.of(cluster("a", 5))))).isTrue();
        assertThat(pending.offer("e2", DesiredState.snapshot(7, List.of(cluster("b", 7))))).isFalse();

        PendingDesiredState.Batch batch = pending.take().orElseThrow();
        assertThat(batch.state().revision()).isEqualTo(7);
        assertThat(batch.state().resources()).extracting(r -> r.key().name()).containsExactly("b");
        assertThat(batch.latestRef()).isEqualTo("e2");
        assertThat(batch.folded()).containsExactly(new PendingDesiredState.Waiting("e1", 5));
        assertThat(pending.take()).isEmpty();
        assertThat(pending.offer("e3", DesiredState.snapshot(8, List.of()))).isTrue();
    }

    @Test
    void deltasOnTopOfWhatWaitsAreMergedLaterResourcesWinning() {
        DesiredResource tombstone = DesiredResource.tombstone(new ResourceKey(ResourceKind.CLUSTER, "qdrant", "a"), 7);
        DesiredState merged = PendingDesiredState.coalesce(
                DesiredState.delta(3, 5, List.of(cluster("a", 4), cluster("b", 5))),
                DesiredState.delta(5, 7, List.of(tombstone, cluster("c", 6))));

        assertThat(merged.mode()).isEqualTo(DesiredStateMode.DELTA);
        assertThat(merged.baseRevision()).isEqualTo(3);
        assertThat(merged.revision()).isEqualTo(7);
        assertThat(merged.resources()).extracting(r -> r.key().name() + "@" + r.revision() + (r.isTombstone() ? "-" : ""))
                .containsExactly("b@5", "a@7-", "c@6");
        DesiredState onSnapshot = PendingDesiredState.coalesce(DesiredState.snapshot(5, List.of(cluster("a", 5))),
                DesiredState.delta(5, 6, List.of(cluster("b", 6))));
        assertThat(onSnapshot.mode()).isEqualTo(DesiredStateMode.SNAPSHOT);
        assertThat(onSnapshot.resources()).extracting(r -> r.key().name()).containsExactly("a", "b");
    }

    @Test
    void anOlderRevisionChangesNothingAndADeltaWithAGapReplaces() {
        DesiredState queued = DesiredState.snapshot(5, List.of(cluster("a", 5)));
        assertThat(PendingDesiredState.coalesce(queued, DesiredState.snapshot(5, List.of()))).isSameAs(queued);
        DesiredState gap = DesiredState.delta(6, 8, List.of(cluster("z", 8)));
        assertThat(PendingDesiredState.coalesce(queued, gap)).isSameAs(gap);
    }
}
