package io.qdranthybrid.protocol.client;

import io.qdranthybrid.protocol.delivery.ApplyLedger;
import io.qdranthybrid.protocol.delivery.ApplyOutcome;
import io.qdranthybrid.protocol.SampleMessages;
import io.qdranthybrid.protocol.message.Ack;
import io.qdranthybrid.protocol.message.AgentMessage;
import io.qdranthybrid.protocol.message.Command;
import io.qdranthybrid.protocol.message.DesiredState;
import io.qdranthybrid.protocol.message.DesiredStateMode;
import io.qdranthybrid.protocol.message.Nack;
import io.qdranthybrid.protocol.message.NackReason;
import io.qdranthybrid.protocol.message.UnsupportedResource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static io.qdranthybrid.protocol.SampleMessages.cluster;
import static org.assertj.core.api.Assertions.assertThat;

class InstructionApplierTest {

    private final ApplyLedger ledger = new ApplyLedger(10, 100);
    private final AtomicInteger calls = new AtomicInteger();

    private InstructionApplier applierFailingFirst(int failures) {
        return new InstructionApplier(ledger, new ControlPlaneHandler() {
            @Override
            public ApplyOutcome applyDesiredState(DesiredState state) {
                if (calls.incrementAndGet() <= failures) {
                    throw new IllegalStateException("API server unavailable");
                }
                return ApplyOutcome.applied();
            }

            @Override
            public ApplyOutcome runCommand(Command command) {
                return calls.incrementAndGet() <= failures
                        ? ApplyOutcome.rejected(NackReason.APPLY_FAILED, "timeout") : ApplyOutcome.applied();
            }
        });
    }

    @Test
    void aHandlerExceptionIsARetryableNackAndTheRevisionIsNotRecorded() {
        InstructionApplier applier = applierFailingFirst(1);
        DesiredState state = DesiredState.delta(10, 11, List.of(cluster("a", 11)));

        assertThat(applier.apply("e-1", state)).isInstanceOfSatisfying(Nack.class, nack -> {
            assertThat(nack.reason()).isEqualTo(NackReason.APPLY_FAILED);
            assertThat(nack.message()).contains("API server unavailable");
        });
        assertThat(ledger.lastAppliedRevision()).isEqualTo(10);

        assertThat(applier.apply("e-2", state)).isEqualTo(Ack.ofRevision("e-2", 11));
        assertThat(ledger.lastAppliedRevision()).isEqualTo(11);
        assertThat(calls).hasValue(2);
    }

    @Test
    void aCommandThatFailedRetryablyRunsAgainOnRedeliveryThenNeverAgain() {
        InstructionApplier applier = applierFailingFirst(1);
        Command command = new Command("cmd-1", "restart-cluster", null);

        assertThat(applier.run("e-1", command)).isInstanceOf(Nack.class);
        assertThat(applier.run("e-2", command)).isEqualTo(Ack.ofCommand("e-2", "cmd-1"));
        assertThat(applier.run("e-3", command)).isEqualTo(Ack.ofCommand("e-3", "cmd-1"));
        assertThat(calls).hasValue(2);
    }

    @Test
    void aResourceOfAnUnknownKindIsRefusedByNameWhileTheRestIsAppliedAndTheRevisionCounts() {
        List<DesiredState> handled = new ArrayList<>();
        InstructionApplier applier = new InstructionApplier(ledger, recording(handled, ApplyOutcome.applied()));
        DesiredState state = new DesiredState(11, DesiredStateMode.DELTA, 10, List.of(cluster("a", 11)),
                List.of(new UnsupportedResource("vector-indexes", "qdrant", "idx", 11, SampleMessages.json("{}"))));

        AgentMessage answer = applier.apply("e-1", state);

        assertThat(handled).singleElement().satisfies(s -> assertThat(s.resources()).containsExactly(cluster("a", 11)));
        assertThat(answer).isInstanceOfSatisfying(Nack.class, nack -> {
            assertThat(nack.reason()).isEqualTo(NackReason.UNSUPPORTED);
            assertThat(nack.message()).contains("1 of 2 resources refused, the rest applied")
                    .contains("'vector-indexes' of vector-indexes/qdrant/idx");
        });
        assertThat(ledger.lastAppliedRevision()).isEqualTo(11);
        assertThat(applier.apply("e-2", state)).isEqualTo(Ack.ofRevision("e-2", 11));
        assertThat(handled).hasSize(1);
    }

    @Test
    void anUnknownKindIsNamedNextToTheHandlersOwnRefusal() {
        InstructionApplier applier = new InstructionApplier(ledger, recording(new ArrayList<>(),
                ApplyOutcome.rejected(NackReason.FORBIDDEN_NAMESPACE, "clusters/other/x: not this agent's namespace")));
        DesiredState state = new DesiredState(11, DesiredStateMode.DELTA, 10, List.of(cluster("a", 11)),
                List.of(new UnsupportedResource("vector-indexes", "qdrant", "idx", 11, null)));

        assertThat(applier.apply("e-1", state)).isInstanceOfSatisfying(Nack.class, nack -> {
            assertThat(nack.reason()).isEqualTo(NackReason.FORBIDDEN_NAMESPACE);
            assertThat(nack.message()).contains("not this agent's namespace").contains("vector-indexes/qdrant/idx");
        });
    }

    @Test
    void aWithheldResourceIsRefusedTooLargeByNameWhileTheRestIsAppliedAndTheRevisionCounts() {
        List<DesiredState> handled = new ArrayList<>();
        InstructionApplier applier = new InstructionApplier(ledger, recording(handled, ApplyOutcome.applied()));
        DesiredState state = new DesiredState(11, DesiredStateMode.SNAPSHOT, 0, List.of(cluster("a", 11)),
                List.of(), List.of(SampleMessages.clusterKey("huge")));

        AgentMessage answer = applier.apply("e-1", state);

        assertThat(handled).singleElement().satisfies(s -> {
            assertThat(s.resources()).containsExactly(cluster("a", 11));
            assertThat(s.withheld()).as("the handler keeps it instead of deleting it")
                    .containsExactly(SampleMessages.clusterKey("huge"));
        });
        assertThat(answer).isInstanceOfSatisfying(Nack.class, nack -> {
            assertThat(nack.reason()).isEqualTo(NackReason.TOO_LARGE);
            assertThat(nack.message()).contains("1 of 2 resources refused, the rest applied")
                    .contains("clusters/qdrant/huge");
        });
        assertThat(ledger.lastAppliedRevision()).isEqualTo(11);
    }

    private static ControlPlaneHandler recording(List<DesiredState> handled, ApplyOutcome outcome) {
        return new ControlPlaneHandler() {
            @Override
            public ApplyOutcome applyDesiredState(DesiredState state) {
                handled.add(state);
                return outcome;
            }

            @Override
            public ApplyOutcome runCommand(Command command) {
                return ApplyOutcome.applied();
            }
        };
    }
}
