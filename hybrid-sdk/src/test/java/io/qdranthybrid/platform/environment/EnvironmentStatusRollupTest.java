package io.qdranthybrid.platform.environment;

import io.qdranthybrid.protocol.MutableClock;
import io.qdranthybrid.protocol.SampleMessages;
import io.qdranthybrid.protocol.message.ComponentPhase;
import io.qdranthybrid.protocol.message.EnvironmentStatus;
import io.qdranthybrid.protocol.message.NackReason;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.qdranthybrid.platform.PlatformFixture.environmentStatus;
import static org.assertj.core.api.Assertions.assertThat;

class EnvironmentStatusRollupTest {

    private final MutableClock clock = new MutableClock(SampleMessages.T0);
    private final EnvironmentStatusRollup rollup = new EnvironmentStatusRollup(clock);
    private final Environment fresh = Environment.create("env-1", "prod", "qdrant", EnvironmentConfiguration.defaults(),
            SampleMessages.T0);

    @Test
    void anEnvironmentWhoseAgentNeverReportedIsUnknown() {
        EnvironmentHealth health = rollup.rollUp(fresh);

        assertThat(health.phase()).isEqualTo(EnvironmentPhase.UNKNOWN);
        assertThat(health.message()).contains("no bootstrap commands");
        assertThat(rollup.rollUp(fresh.markBootstrapped(clock.instant())).message()).contains("namespace qdrant");
    }

    @Test
    void allComponentsReadyIsReady() {
        Environment reported = fresh.withObservedStatus(
                environmentStatus(clock.instant(), ComponentPhase.READY, ComponentPhase.READY), clock.instant());

        assertThat(rollup.rollUp(reported)).isEqualTo(new EnvironmentHealth(EnvironmentPhase.READY,
                "2 components ready on 3 nodes (K3S v1.31.2)"));
    }

    @Test
    void anUnknownNodeCountIsSaidToBeUnknownNotZero() {
        EnvironmentStatus full = environmentStatus(clock.instant(), ComponentPhase.READY, ComponentPhase.READY);
        EnvironmentStatus withoutNodes = new EnvironmentStatus(full.kubernetesVersion(), full.kubernetesDistribution(),
                null, full.capacity(), full.storageClasses(), full.volumeSnapshotClasses(), full.components(),
                full.observedAt());

        assertThat(rollup.rollUp(fresh.withObservedStatus(withoutNodes, clock.instant())).message())
                .isEqualTo("2 components ready on an unknown number of nodes (the agent may not list them) "
                        + "(K3S v1.31.2)");
    }

    @Test
    void anyComponentNotReadyOrMissingIsNotReadyAndNamed() {
        Environment reported = fresh.withObservedStatus(
                environmentStatus(clock.instant(), ComponentPhase.READY, ComponentPhase.NOT_FOUND), clock.instant());

        EnvironmentHealth health = rollup.rollUp(reported);

        assertThat(health.phase()).isEqualTo(EnvironmentPhase.NOT_READY);
        assertThat(health.message()).contains("qdrant-cluster-exporter is NOT_FOUND").doesNotContain("qdrant-operator");
    }

    @Test
    void contactWithoutAnEnvironmentStatusIsNotReady() {
        assertThat(rollup.rollUp(fresh.withContact(clock.instant())).phase()).isEqualTo(EnvironmentPhase.NOT_READY);
    }

    @Test
    void rejectedDesiredStateIsFailedToSyncUntilALaterRevisionIsAccepted() {
        Environment failing = fresh.withObservedStatus(
                        environmentStatus(clock.instant(), ComponentPhase.READY, ComponentPhase.READY), clock.instant())
                .withSyncFailure(new SyncFailure(7, NackReason.INVALID, "size 0 is below the minimum 1", clock.instant()));

        EnvironmentHealth health = rollup.rollUp(failing);

        assertThat(health.phase()).isEqualTo(EnvironmentPhase.FAILED_TO_SYNC);
        assertThat(health.message()).contains("revision 7").contains("INVALID").contains("size 0 is below the minimum 1");
        assertThat(rollup.rollUp(failing.withAcceptedRevision(6)).phase()).isEqualTo(EnvironmentPhase.FAILED_TO_SYNC);
        assertThat(rollup.rollUp(failing.withAcceptedRevision(8)).phase()).isEqualTo(EnvironmentPhase.READY);
    }

    @Test
    void silenceLongerThanTheWindowMakesAnyEnvironmentUnknown() {
        Environment ready = fresh.withObservedStatus(
                environmentStatus(clock.instant(), ComponentPhase.READY, ComponentPhase.READY), clock.instant());

        clock.advance(Duration.ofMinutes(5));
        assertThat(rollup.rollUp(ready).phase()).isEqualTo(EnvironmentPhase.READY);
        clock.advance(Duration.ofSeconds(1));
        EnvironmentHealth silent = rollup.rollUp(ready);
        assertThat(silent.phase()).isEqualTo(EnvironmentPhase.UNKNOWN);
        assertThat(silent.message()).contains("no word from the agent for 301 s");
        // A heartbeat-only contact is enough to bring it back.
        assertThat(rollup.rollUp(ready.withContact(clock.instant())).phase()).isEqualTo(EnvironmentPhase.READY);
    }

    @Test
    void theSilenceWindowIsConfigurable() {
        EnvironmentStatusRollup strict = new EnvironmentStatusRollup(clock, Duration.ofSeconds(30));
        Environment ready = fresh.withObservedStatus(
                environmentStatus(clock.instant(), ComponentPhase.READY, ComponentPhase.READY), clock.instant());

        clock.advance(Duration.ofSeconds(31));

        assertThat(strict.rollUp(ready).phase()).isEqualTo(EnvironmentPhase.UNKNOWN);
        assertThat(rollup.rollUp(ready).phase()).isEqualTo(EnvironmentPhase.READY);
    }
}
