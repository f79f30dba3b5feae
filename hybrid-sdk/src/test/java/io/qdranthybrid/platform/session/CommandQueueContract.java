package io.qdranthybrid.platform.session;

import io.qdranthybrid.protocol.SampleMessages;
import io.qdranthybrid.protocol.message.Command;
import io.qdranthybrid.protocol.message.NackReason;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What every {@link CommandQueue} must do for replicas sharing it: a command queued through one replica is pending for
 * the other (which is told), it ends once (the first answer wins, the waiting replica is told; or it expires and is
 * not delivered any more). A backend's test extends this; the in-memory one is {@code InMemoryCommandQueueTest}.
 */
public abstract class CommandQueueContract {

    private static final Instant NOW = Instant.parse("2026-12-07T03:00:00Z");

    /** Empty shared storage, seen by a first replica. */
    protected abstract CommandQueue firstReplica();

    /** Another replica over the storage {@link #firstReplica()} created. */
    protected abstract CommandQueue anotherReplica();

    protected CommandQueue replicaA;
    protected CommandQueue replicaB;
    private final List<String> queuedHeardByB = new CopyOnWriteArrayList<>();
    private final List<String> answersHeardByA = new CopyOnWriteArrayList<>();

    @BeforeEach
    void twoReplicas() {
        replicaA = firstReplica();
        replicaB = anotherReplica();
        replicaB.subscribe(new CommandQueue.Listener() {
            @Override
            public void commandQueued(String environmentId) {
                queuedHeardByB.add(environmentId);
            }

            @Override
            public void commandAnswered(String environmentId, String commandId) {
            }
        });
        replicaA.subscribe(new CommandQueue.Listener() {
            @Override
            public void commandQueued(String environmentId) {
            }

            @Override
            public void commandAnswered(String environmentId, String commandId) {
                answersHeardByA.add(commandId);
            }
        });
    }

    private static Command command(String id) {
        return new Command(id, "restart-cluster", SampleMessages.json("{\"cluster\":\"a\"}"));
    }

    @Test
    void aCommandQueuedThroughOneReplicaIsPendingForTheOtherInOrder() {
        replicaA.enqueue("env-1", command("c1"), NOW.plusSeconds(60));
        replicaA.enqueue("env-1", command("c2"), NOW.plusSeconds(60));
        replicaA.enqueue("env-2", command("c3"), NOW.plusSeconds(60));

        await().until(() -> queuedHeardByB.contains("env-1"));
        assertThat(replicaB.pending("env-1", NOW)).containsExactly(command("c1"), command("c2"));
        assertThat(replicaB.waiting("env-1")).isEqualTo(2);
    }

    @Test
    void theFirstAnswerWinsAndTheWaitingReplicaIsTold() {
        replicaA.enqueue("env-1", command("c1"), NOW.plusSeconds(60));

        boolean first = replicaB.answer("env-1", new CommandResult.Rejected("c1", NackReason.UNSUPPORTED, "no such"));
        boolean second = replicaA.answer("env-1", new CommandResult.Completed("c1"));

        assertThat(first).isTrue();
        assertThat(second).isFalse();
        await().until(() -> answersHeardByA.contains("c1"));
        assertThat(replicaA.answerOf("c1")).contains(new CommandResult.Rejected("c1", NackReason.UNSUPPORTED, "no such"));
        assertThat(replicaB.pending("env-1", NOW)).isEmpty();
        assertThat(replicaB.waiting("env-1")).isZero();
    }

    @Test
    void anExpiredCommandIsNotDeliveredNorAnsweredAnyMore() {
        replicaA.enqueue("env-1", command("c1"), NOW.plusSeconds(60));
        Instant later = NOW.plusSeconds(61);

        assertThat(replicaB.pending("env-1", later)).isEmpty();
        replicaB.expire(later);

        assertThat(replicaA.answer("env-1", new CommandResult.Completed("c1"))).isFalse();
        assertThat(replicaA.answerOf("c1")).isEmpty();
        assertThat(replicaA.waiting("env-1")).isZero();
    }

    @Test
    void anAnswerForAnotherEnvironmentIsIgnored() {
        replicaA.enqueue("env-1", command("c1"), NOW.plusSeconds(60));

        assertThat(replicaB.answer("env-2", new CommandResult.Completed("c1"))).isFalse();
        assertThat(replicaB.pending("env-1", NOW)).containsExactly(command("c1"));
    }

    @Test
    void aForgottenEnvironmentHasNoCommands() {
        replicaA.enqueue("env-1", command("c1"), NOW.plusSeconds(60));

        replicaB.forget("env-1");

        assertThat(replicaA.pending("env-1", NOW)).isEmpty();
    }
}
