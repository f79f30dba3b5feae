package io.qdranthybrid.protocol.codec;

import io.qdranthybrid.protocol.SampleMessages;
import io.qdranthybrid.protocol.delivery.DesiredStateAssembly;
import io.qdranthybrid.protocol.message.ControlPlaneMessage;
import io.qdranthybrid.protocol.message.DesiredResource;
import io.qdranthybrid.protocol.message.DesiredState;
import io.qdranthybrid.protocol.message.DesiredStatePart;
import io.qdranthybrid.protocol.message.Envelope;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static io.qdranthybrid.protocol.SampleMessages.clusterKey;
import static io.qdranthybrid.protocol.SampleMessages.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DesiredStateSplitterTest {

    private static final int LIMIT = 4096;
    private final MessageCodec codec = new MessageCodec(LIMIT);
    private final DesiredStateSplitter splitter = new DesiredStateSplitter(codec);

    static DesiredResource padded(String name, long revision, int padding) {
        return DesiredResource.present(clusterKey(name), revision,
                json("{\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"pad\":\"" + "x".repeat(padding) + "\"}}"));
    }

    static DesiredState snapshotOf(int resources, int padding) {
        return DesiredState.snapshot(7, IntStream.range(0, resources).mapToObj(i -> padded("c-" + i, 7, padding))
                .toList());
    }

    /** Every message decoded by the agent's codec, then gathered as the agent does. */
    private DesiredState reassembled(DesiredStateSplit split) {
        DesiredStateAssembly assembly = new DesiredStateAssembly();
        DesiredStateAssembly.Result result = null;
        for (ControlPlaneMessage message : split.messages()) {
            String frame = codec.encode(Envelope.wrap(message, Clock.systemUTC()));
            var decoded = (DecodeResult.Decoded<ControlPlaneMessage>) codec.decodeFromControlPlane(frame);
            if (decoded.envelope().message() instanceof DesiredState whole) {
                return whole;
            }
            result = assembly.accept(decoded.envelope().id(), (DesiredStatePart) decoded.envelope().message());
        }
        assertThat(result).isInstanceOf(DesiredStateAssembly.Complete.class);
        return ((DesiredStateAssembly.Complete) result).state();
    }

    @Test
    void aStateThatFitsTravelsAsOneDesiredStateAsBefore() {
        DesiredState small = snapshotOf(3, 100);

        DesiredStateSplit split = splitter.split(small);

        assertThat(split.isWhole()).isTrue();
        assertThat(split.messages()).containsExactly(small);
    }

    @Test
    void aStateLargerThanAFrameTravelsInNumberedPartsOfOneRevisionEachWithinTheLimit() {
        DesiredState large = snapshotOf(20, 1000);

        DesiredStateSplit split = splitter.split(large);

        assertThat(split.messages()).hasSizeGreaterThan(4).allSatisfy(m -> {
            DesiredStatePart part = (DesiredStatePart) m;
            assertThat(part.parts()).isEqualTo(split.messages().size());
            assertThat(part.state().revision()).isEqualTo(7);
            assertThat(codec.encode(Envelope.wrap(m, Clock.systemUTC())).length()).isLessThanOrEqualTo(LIMIT);
        });
        assertThat(split.messages()).extracting(m -> ((DesiredStatePart) m).part())
                .containsExactlyElementsOf(IntStream.rangeClosed(1, split.messages().size()).boxed().toList());
        assertThat(reassembled(split)).isEqualTo(large);
    }

    @Test
    void aResourceTooLargeAloneIsWithheldByKeyAndTheRestIsSent() {
        List<DesiredResource> resources = new ArrayList<>(snapshotOf(3, 100).resources());
        resources.add(1, padded("huge", 6, 5000));
        DesiredState state = DesiredState.snapshot(7, resources);

        DesiredStateSplit split = splitter.split(state);

        assertThat(split.withheld()).containsExactly(clusterKey("huge"));
        DesiredState received = reassembled(split);
        assertThat(received.resources()).extracting(r -> r.key().name()).containsExactly("c-0", "c-1", "c-2");
        assertThat(received.withheld()).containsExactly(clusterKey("huge"));
    }

    @Test
    void aStateNeedingMoreThanTheMostPartsIsRefusedWhole() {
        DesiredState enormous = snapshotOf(DesiredStatePart.MAX_PARTS + 1, 3000);

        assertThatThrownBy(() -> splitter.split(enormous)).isInstanceOf(MessageTooLargeException.class)
                .hasMessageContaining("parts");
    }

    @Provide
    Arbitrary<DesiredState> states() {
        Arbitrary<Integer> padding = Arbitraries.integers().between(0, 6000);
        Arbitrary<List<Integer>> paddings = padding.list().ofMaxSize(40);
        Arbitrary<Boolean> delta = Arbitraries.of(true, false);
        return Combinators.combine(paddings, delta).as((sizes, isDelta) -> {
            List<DesiredResource> resources = IntStream.range(0, sizes.size())
                    .mapToObj(i -> i % 7 == 3 ? DesiredResource.tombstone(clusterKey("c-" + i), 9)
                            : padded("c-" + i, 1 + i % 9, sizes.get(i)))
                    .toList();
            return isDelta ? DesiredState.delta(4, 9, resources) : DesiredState.snapshot(9, resources);
        });
    }

    @Property(tries = 300)
    void anySplitFitsTheLimitAndReassemblesToTheSameStateLessWhatWasWithheld(
            @ForAll("states") DesiredState state, @ForAll @IntRange(min = 2048, max = 16384) int limit) {
        MessageCodec limited = new MessageCodec(limit);
        DesiredStateSplit split = new DesiredStateSplitter(limited).split(state);

        for (ControlPlaneMessage message : split.messages()) {
            limited.encode(Envelope.wrap(message, Clock.systemUTC())); // throws when over the limit
        }
        DesiredStateAssembly assembly = new DesiredStateAssembly();
        DesiredState received = split.isWhole() ? (DesiredState) split.messages().get(0) : null;
        for (ControlPlaneMessage message : split.isWhole() ? List.<ControlPlaneMessage>of() : split.messages()) {
            if (assembly.accept("e", (DesiredStatePart) message) instanceof DesiredStateAssembly.Complete complete) {
                received = complete.state();
            }
        }
        List<DesiredResource> sent = state.resources().stream()
                .filter(r -> !split.withheld().contains(r.key())).toList();
        assertThat(received).isNotNull();
        assertThat(received.resources()).containsExactlyElementsOf(sent);
        assertThat(received.withheld()).containsExactlyElementsOf(split.withheld());
        assertThat(received.revision()).isEqualTo(state.revision());
        assertThat(received.mode()).isEqualTo(state.mode());
        assertThat(received.baseRevision()).isEqualTo(state.baseRevision());
        // Only what could never fit is withheld.
        split.withheld().forEach(key -> assertThat(state.resources().stream().filter(r -> r.key().equals(key))
                .findFirst().orElseThrow().manifestIfPresent().orElseThrow().path("spec").path("pad").asText().length())
                .isGreaterThan(limit - 1024));
    }
}
