package io.qdranthybrid.protocol.delivery;

import io.qdranthybrid.protocol.message.DesiredResource;
import io.qdranthybrid.protocol.message.DesiredState;
import io.qdranthybrid.protocol.message.DesiredStateMode;
import io.qdranthybrid.protocol.message.DesiredStatePart;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.qdranthybrid.protocol.SampleMessages.cluster;
import static io.qdranthybrid.protocol.SampleMessages.clusterKey;
import static org.assertj.core.api.Assertions.assertThat;

class DesiredStateAssemblyTest {

    private final DesiredStateAssembly assembly = new DesiredStateAssembly();

    private static DesiredStatePart part(long revision, int part, int parts, DesiredResource... resources) {
        return new DesiredStatePart(part, parts, DesiredState.snapshot(revision, List.of(resources)));
    }

    @Test
    void partsInOrderMakeTheWholeStateAnsweredByTheLastPart() {
        assertThat(assembly.accept("p1", part(7, 1, 3, cluster("a", 7))))
                .isEqualTo(new DesiredStateAssembly.Incomplete(1, 3));
        assertThat(assembly.accept("p2", part(7, 2, 3, cluster("b", 5)))).isInstanceOf(DesiredStateAssembly.Incomplete.class);

        var result = assembly.accept("p3", part(7, 3, 3, cluster("c", 6)));

        assertThat(result).isEqualTo(new DesiredStateAssembly.Complete("p3",
                DesiredState.snapshot(7, List.of(cluster("a", 7), cluster("b", 5), cluster("c", 6)))));
        assertThat(assembly.abandon()).as("nothing is held after completing").isFalse();
    }

    @Test
    void aMissingPartDiscardsWhatWasGatheredAndNothingCompletes() {
        assembly.accept("p1", part(7, 1, 3, cluster("a", 7)));

        var result = assembly.accept("p3", part(7, 3, 3, cluster("c", 7)));

        assertThat(result).isInstanceOf(DesiredStateAssembly.Discarded.class);
        assertThat(((DesiredStateAssembly.Discarded) result).reason()).contains("part 2 was expected");
        assertThat(assembly.abandon()).isFalse();
    }

    @Test
    void aRepeatedPartDiscardsWhatWasGathered() {
        assembly.accept("p1", part(7, 1, 3, cluster("a", 7)));
        assembly.accept("p2", part(7, 2, 3, cluster("b", 7)));

        assertThat(assembly.accept("p2", part(7, 2, 3, cluster("b", 7))))
                .isInstanceOf(DesiredStateAssembly.Discarded.class);
        assertThat(assembly.accept("p3", part(7, 3, 3, cluster("c", 7))))
                .as("the rest of the broken series completes nothing").isInstanceOf(DesiredStateAssembly.Discarded.class);
    }

    @Test
    void aPartOfAnotherRevisionOrCountDiscardsWhatWasGathered() {
        assembly.accept("p1", part(7, 1, 3, cluster("a", 7)));
        assertThat(assembly.accept("q2", part(8, 2, 3, cluster("b", 8))))
                .isInstanceOf(DesiredStateAssembly.Discarded.class);

        assembly.accept("p1", part(7, 1, 3, cluster("a", 7)));
        assertThat(assembly.accept("q2", part(7, 2, 4, cluster("b", 7))))
                .isInstanceOf(DesiredStateAssembly.Discarded.class);
    }

    @Test
    void aPartWithoutItsFirstIsDiscarded() {
        assertThat(assembly.accept("p2", part(7, 2, 2, cluster("b", 7))))
                .isInstanceOf(DesiredStateAssembly.Discarded.class);
    }

    @Test
    void aNewFirstPartStartsAfreshSoARedeliveryOrANewerRevisionMidSeriesCompletesAlone() {
        assembly.accept("p1", part(7, 1, 2, cluster("a", 7)));

        assembly.accept("q1", part(8, 1, 2, cluster("a", 8)));
        var result = assembly.accept("q2", part(8, 2, 2, cluster("b", 8)));

        assertThat(result).isEqualTo(new DesiredStateAssembly.Complete("q2",
                DesiredState.snapshot(8, List.of(cluster("a", 8), cluster("b", 8)))));
    }

    @Test
    void partsThatListOneResourceTwiceAreDiscardedNotApplied() {
        assembly.accept("p1", part(7, 1, 2, cluster("a", 7)));

        assertThat(assembly.accept("p2", part(7, 2, 2, cluster("a", 6))))
                .isInstanceOf(DesiredStateAssembly.Discarded.class);
    }

    @Test
    void withheldKeysOfEveryPartReachTheWholeState() {
        DesiredState first = new DesiredState(7, DesiredStateMode.SNAPSHOT, 0,
                List.of(cluster("a", 7)), List.of(), List.of(clusterKey("huge")));
        assembly.accept("p1", new DesiredStatePart(1, 2, first));

        var result = (DesiredStateAssembly.Complete) assembly.accept("p2", part(7, 2, 2, cluster("b", 7)));

        assertThat(result.state().withheld()).containsExactly(clusterKey("huge"));
        assertThat(result.state().resources()).extracting(r -> r.key().name()).containsExactly("a", "b");
    }
}
