package io.qdranthybrid.operator.backup;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.crd.QdrantClusterScheduledSnapshot;
import io.qdranthybrid.crd.QdrantClusterScheduledSnapshotStatus;
import io.qdranthybrid.crd.QdrantClusterSpec;
import io.qdranthybrid.reconcile.EventRecorder;
import io.qdranthybrid.reconcile.StatusUpdater;
import io.qdranthybrid.crd.QdrantClusterScheduledSnapshotSpec;
import io.qdranthybrid.crd.QdrantClusterSnapshot;
import io.qdranthybrid.crd.ScheduledSnapshotPhase;
import io.qdranthybrid.crd.SnapshotPhase;
import io.qdranthybrid.harness.cluster.SimulatedCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Backup schedules on the simulated cluster: one backup per slot, across operator restarts too. The operator's clock is
 * stopped (just before a UTC midnight, to prove nothing reads the wall clock) and moves only when a test advances it;
 * the operator's one-second resync picks each move up, so no test sleeps for a schedule's sake.
 */
class ScheduledSnapshotOnSimulatedClusterTest {

    private static final Instant START = Instant.parse("2026-11-24T23:59:51Z");

    private static SimulatedCluster cluster;
    private static BackupHarness harness;

    @BeforeAll
    static void start() {
        harness = BackupHarness.startWithOperator("schedule", Clock.fixed(START, ZoneOffset.UTC));
        cluster = harness.cluster;
        harness.createCluster("sched", 1);
        harness.awaitHealthy("sched");
    }

    @AfterAll
    static void stop() {
        BackupHarness.closeQuietly(harness);
    }

    @Test
    void everyTwoSecondsTakesOneBackupPerSlotEvenAcrossAnOperatorRestart() {
        createSchedule("every2s", "sched", "@every 2s");

        Instant first = awaitAnnounced("every2s", next -> next.isAfter(harness.clock.instant()));
        assertThat(first.getEpochSecond() % 2).isZero();
        assertThat(getSchedule("every2s").getStatus().getPhase()).isEqualTo(ScheduledSnapshotPhase.ACTIVE);
        assertThat(snapshotsOf("every2s")).as("no slot has come yet").isEmpty();

        moveClockTo(first);
        awaitAnnounced("every2s", first.plusSeconds(2)::equals);
        moveClockTo(first.plusSeconds(2));
        Instant announced = awaitAnnounced("every2s", first.plusSeconds(4)::equals);
        assertThat(snapshotsOf("every2s")).extracting(s -> s.getSpec().getCreationTimestamp())
                .containsExactlyInAnyOrder(first.getEpochSecond(), first.getEpochSecond() + 2);

        harness.stopOperator();
        Set<String> beforeRestart = names(snapshotsOf("every2s"));
        // Three slots pass (first+4, +6 and, at the restart, none yet of +8) while no operator runs.
        moveClockTo(first.plusSeconds(7));
        assertThat(names(snapshotsOf("every2s"))).isEqualTo(beforeRestart);
        harness.startOperator();

        // The missed slots collapse into one backup for the first of them, as a CronJob's missed start does.
        awaitAnnounced("every2s", first.plusSeconds(8)::equals);
        moveClockTo(first.plusSeconds(8));
        awaitAnnounced("every2s", first.plusSeconds(10)::equals);
        List<QdrantClusterSnapshot> all = snapshotsOf("every2s");
        assertThat(all).allSatisfy(snapshot -> {
            Instant slot = Instant.ofEpochSecond(snapshot.getSpec().getCreationTimestamp());
            assertThat(slot.getEpochSecond() % 2).isZero();
            assertThat(snapshot.getMetadata().getName()).isEqualTo(BackupNames.scheduledSnapshot("every2s", slot));
            assertThat(snapshot.getSpec().getScheduleShortId()).isEqualTo("sch1");
            assertThat(snapshot.getSpec().getRetention()).isEqualTo("1h");
            assertThat(snapshot.getSpec().getClusterId()).isEqualTo("sched");
        });
        List<Long> afterRestart = all.stream().filter(s -> !beforeRestart.contains(s.getMetadata().getName()))
                .map(s -> s.getSpec().getCreationTimestamp()).sorted().toList();
        assertThat(afterRestart).containsExactly(announced.getEpochSecond(), first.getEpochSecond() + 8);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(all)
                .allSatisfy(s -> assertThat(harness.snapshotPhase(s.getMetadata().getName())).isEqualTo(SnapshotPhase.SUCCEEDED)));

        cluster.client().resource(getSchedule("every2s")).delete();
    }

    @Test
    void aRunSkippedBecauseTheClusterIsSuspendedIsExplainedOnTheSchedule() {
        harness.createCluster("dozing", 1);
        harness.awaitHealthy("dozing");
        cluster.client().resources(QdrantCluster.class).inNamespace(harness.namespace).withName("qdrant-dozing")
                .edit(c -> {
                    c.getSpec().setSuspend(true);
                    return c;
                });
        createSchedule("dozing-every5s", "dozing", "@every 5s");
        Instant slot = awaitAnnounced("dozing-every5s", next -> next.isAfter(harness.clock.instant()));

        moveClockTo(slot);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(getSchedule("dozing-every5s").getStatus()
                .getMessage()).isEqualTo("skipping runs: cluster dozing is suspended; resume it to back it up; next run "
                + slot.plusSeconds(5) + "; last run " + slot + ": backup "
                + BackupNames.scheduledSnapshot("dozing-every5s", slot)
                + " was skipped: cluster dozing is suspended; resume it to back it up"));
        assertThat(getSchedule("dozing-every5s").getStatus().getPhase()).isEqualTo(ScheduledSnapshotPhase.ACTIVE);
        cluster.client().resource(getSchedule("dozing-every5s")).delete();
    }

    @Test
    void aScheduleOfAClusterWhoseNodesAreNotUpSaysItIsSkippingWhyAndWhenItRunsNext() {
        // A pod that fits no node: the cluster stays Creating, and says why.
        harness.createCluster("starved", 1, spec -> spec.getResources().setCpu("8"));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            QdrantCluster starved = cluster.client().resources(QdrantCluster.class).inNamespace(harness.namespace)
                    .withName("qdrant-starved").get();
            return starved.getStatus() != null && starved.getStatus().getReason() != null
                    && starved.getStatus().getReason().contains("cannot be scheduled");
        });
        createSchedule("starved-every5s", "starved", "@every 5s");
        Instant slot = awaitAnnounced("starved-every5s", next -> next.isAfter(harness.clock.instant()));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(getSchedule("starved-every5s").getStatus()
                .getMessage()).startsWith("skipping runs: cluster starved is Creating (1 of 1 nodes cannot be scheduled: ")
                .contains("; backups are taken once all its nodes are up; next run " + slot + "; no run yet"));

        moveClockTo(slot);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(getSchedule("starved-every5s").getStatus()
                .getMessage()).contains("; next run " + slot.plusSeconds(5) + "; last run " + slot + ": backup "
                        + BackupNames.scheduledSnapshot("starved-every5s", slot) + " was skipped: cluster starved is Creating"));
        moveClockTo(slot.plusSeconds(5));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(getSchedule("starved-every5s").getStatus()
                .getMessage()).endsWith("; 2 runs in a row skipped"));
        assertThat(getSchedule("starved-every5s").getStatus().getPhase()).isEqualTo(ScheduledSnapshotPhase.ACTIVE);
        cluster.client().resource(getSchedule("starved-every5s")).delete();
        cluster.client().resources(QdrantCluster.class).inNamespace(harness.namespace).withName("qdrant-starved").delete();
    }

    @Test
    void unparseableScheduleIsDisabledWithTheReason() {
        // the CRD accepts @reboot (as the real one does), but a schedule has no reboot to run at
        createSchedule("broken", "sched", "@reboot");

        await().atMost(Duration.ofSeconds(10)).until(() -> getSchedule("broken").getStatus() != null);
        QdrantClusterScheduledSnapshot broken = getSchedule("broken");
        assertThat(broken.getStatus().getPhase()).isEqualTo(ScheduledSnapshotPhase.DISABLED);
        assertThat(broken.getStatus().getMessage()).contains("unknown macro");
        assertThat(broken.getStatus().getScheduled()).isNull();
        assertThat(snapshotsOf("broken")).isEmpty();
    }

    @Test
    void scheduleOfMissingClusterIsDisabledUntilTheClusterExists() {
        createSchedule("later", "later", "@daily");

        await().atMost(Duration.ofSeconds(10)).until(() -> getSchedule("later").getStatus() != null);
        assertThat(getSchedule("later").getStatus().getPhase()).isEqualTo(ScheduledSnapshotPhase.DISABLED);
        assertThat(getSchedule("later").getStatus().getMessage()).isEqualTo("cluster later not found in namespace " + harness.namespace);

        harness.createCluster("later", 1);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            QdrantClusterScheduledSnapshot schedule = getSchedule("later");
            assertThat(schedule.getStatus().getPhase()).isEqualTo(ScheduledSnapshotPhase.ACTIVE);
            Instant midnight = harness.clock.instant().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
            assertThat(Instant.parse(schedule.getStatus().getScheduled())).isEqualTo(midnight);
            // The cluster may still be creating (runs would be skipped, and the message says so first).
            assertThat(schedule.getStatus().getMessage()).endsWith("next run " + midnight + "; no run yet");
        });
    }

    @Test
    void aSlotReplayedAfterItsStatusWriteWasLostStillMakesOneBackup() throws Exception {
        // A namespace no operator watches: the test drives the reconciler itself, twice, with the same stale object,
        // as an operator restarted between creating the slot's backup and recording it would.
        String namespace = cluster.createNamespace("replay");
        QdrantCluster target = new QdrantCluster();
        target.setMetadata(new ObjectMetaBuilder().withName("qdrant-replayed").withNamespace(namespace).build());
        target.setSpec(new QdrantClusterSpec());
        target.getSpec().setId("replayed");
        target.getSpec().setVersion("v1.12.3");
        target.getSpec().setSize(1);
        cluster.client().resource(target).create();
        QdrantClusterScheduledSnapshot schedule = new QdrantClusterScheduledSnapshot();
        schedule.setMetadata(new ObjectMetaBuilder().withName("hourly").withNamespace(namespace).build());
        schedule.setSpec(new QdrantClusterScheduledSnapshotSpec());
        schedule.getSpec().setClusterId("replayed");
        schedule.getSpec().setScheduleShortId("hr");
        schedule.getSpec().setSchedule("@hourly");
        schedule.getSpec().setRetention("24h");
        schedule = cluster.client().resource(schedule).create();
        schedule.setStatus(new QdrantClusterScheduledSnapshotStatus());
        schedule.getStatus().setPhase(ScheduledSnapshotPhase.ACTIVE);
        schedule.getStatus().setScheduled("2026-11-24T10:00:00Z");
        QdrantClusterScheduledSnapshot stale = cluster.client().resource(schedule).updateStatus();
        Clock clock = Clock.fixed(Instant.parse("2026-11-24T10:00:30Z"), ZoneOffset.UTC);
        ScheduledSnapshotReconciler reconciler = new ScheduledSnapshotReconciler(cluster.client(),
                new StatusUpdater(cluster.client()), new EventRecorder(cluster.client(), "test", clock),
                BackupSettings.defaults(), clock);

        reconciler.reconcile(stale);
        reconciler.reconcile(stale);

        List<QdrantClusterSnapshot> taken = cluster.client().resources(QdrantClusterSnapshot.class).inNamespace(namespace)
                .list().getItems();
        assertThat(taken).extracting(s -> s.getMetadata().getName()).containsExactly("hourly-20261124100000");
        assertThat(cluster.client().resource(stale).get().getStatus().getScheduled()).isEqualTo("2026-11-24T11:00:00Z");
    }

    /** Moves the operator's clock forward to {@code instant}. */
    private static void moveClockTo(Instant instant) {
        Duration by = Duration.between(harness.clock.instant(), instant);
        assertThat(by.isNegative()).as("the clock only moves forward").isFalse();
        harness.clock.advance(by);
    }

    /** Waits until the schedule announces a next run that {@code expected} accepts, and returns it. */
    private static Instant awaitAnnounced(String name, Predicate<Instant> expected) {
        AtomicReference<Instant> announced = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            QdrantClusterScheduledSnapshot schedule = getSchedule(name);
            assertThat(schedule.getStatus()).isNotNull();
            assertThat(schedule.getStatus().getScheduled()).isNotNull();
            Instant next = Instant.parse(schedule.getStatus().getScheduled());
            assertThat(next).matches(expected);
            announced.set(next);
        });
        return announced.get();
    }

    private static void createSchedule(String name, String clusterId, String schedule) {
        QdrantClusterScheduledSnapshot scheduled = new QdrantClusterScheduledSnapshot();
        scheduled.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(harness.namespace)
                .withLabels(java.util.Map.of("cluster-id", clusterId)).build());
        QdrantClusterScheduledSnapshotSpec spec = new QdrantClusterScheduledSnapshotSpec();
        spec.setClusterId(clusterId);
        spec.setScheduleShortId("sch1");
        spec.setSchedule(schedule);
        spec.setRetention("1h");
        scheduled.setSpec(spec);
        cluster.client().resource(scheduled).create();
    }

    private static QdrantClusterScheduledSnapshot getSchedule(String name) {
        return cluster.client().resources(QdrantClusterScheduledSnapshot.class).inNamespace(harness.namespace)
                .withName(name).get();
    }

    private static List<QdrantClusterSnapshot> snapshotsOf(String schedule) {
        return cluster.client().resources(QdrantClusterSnapshot.class).inNamespace(harness.namespace)
                .withLabel(BackupNames.SCHEDULE_LABEL, schedule).list().getItems();
    }

    private static Set<String> names(List<QdrantClusterSnapshot> snapshots) {
        return snapshots.stream().map(s -> s.getMetadata().getName()).collect(Collectors.toSet());
    }
}
