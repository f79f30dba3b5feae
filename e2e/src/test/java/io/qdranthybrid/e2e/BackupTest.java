package io.qdranthybrid.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.crd.QdrantClusterSnapshot;
import io.qdranthybrid.crd.SnapshotPhase;
import io.qdranthybrid.harness.controlplane.BackupView;
import io.qdranthybrid.harness.controlplane.ClusterView;
import io.qdranthybrid.harness.controlplane.NewCluster;
import io.qdranthybrid.harness.controlplane.RestoreView;
import io.qdranthybrid.harness.controlplane.ScheduleView;
import io.qdranthybrid.harness.junit.HybridCloudTest;
import io.qdranthybrid.harness.stack.HybridEnvironment;
import io.qdranthybrid.operator.backup.BackupNames;
import io.qdranthybrid.harness.timeline.Timeline;
import io.qdranthybrid.protocol.message.KubernetesEvent;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Backups as a user takes them from the control plane: now, on a schedule, restored in place or as a new cluster. */
@HybridCloudTest
class BackupTest {

    private static final String VERSION = "v1.12.3";
    private static final String UPGRADED = "v1.13.6";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUCCEEDED = "Succeeded";
    private static final long POINTS_AT_BACKUP = 300;
    private static final long POINTS_WRITTEN_LATER = 150;

    @Test
    void backupTakenNowSucceedsAndRestoringItRevertsTheSameClusterToBackupTime(HybridEnvironment env,
                                                                              Timeline timeline) {
        seededCluster(env, timeline, "ledger");
        BackupView backup = awaitBackup(env, env.controlPlane().backups().takeBackup(env.id(), "ledger"));
        env.qdrant("ledger").upsert("docs", POINTS_WRITTEN_LATER);
        timeline.mark("wrote " + POINTS_WRITTEN_LATER + " points after the backup");
        QdrantNodes nodes = QdrantNodes.of(env, "ledger");
        assertThat(nodes.count(0, "docs")).hasValue(POINTS_AT_BACKUP + POINTS_WRITTEN_LATER);

        RestoreView restore = env.controlPlane().backups().restore(env.id(), backup.name(), "ledger", false);
        timeline.mark("restore of " + backup.name() + " into ledger requested");

        awaitRestore(env, restore);
        ClusterView restored = env.awaitCluster("ledger", ClusterPhase.HEALTHY, Waits.CONVERGE);
        assertThat(restored.nodesReady()).isEqualTo(1);
        assertThat(nodes.count(0, "docs")).hasValue(POINTS_AT_BACKUP);
    }

    @Test
    void restoreAcrossVersionsSaysItRevertsTheVersionAndLeavesTheBackedUpSpecDesired(HybridEnvironment env,
                                                                                    Timeline timeline) throws Exception {
        seededCluster(env, timeline, "rewind");
        BackupView backup = awaitBackup(env, env.controlPlane().backups().takeBackup(env.id(), "rewind"));
        env.controlPlane().clusters().changeVersion(env.id(), "rewind", UPGRADED);
        env.awaitCluster("rewind", ClusterPhase.HEALTHY, Waits.CONVERGE);
        timeline.mark("upgraded rewind to " + UPGRADED + " after the backup");

        String environment = env.controlPlane().consoleUrl() + "api/v1/hybrid-cloud-environments/" + env.id();
        JsonNode restore = rest("POST", environment + "/restores",
                "{\"backupName\":\"" + backup.name() + "\",\"clusterId\":\"rewind\"}");
        timeline.mark("restore of " + backup.name() + " into rewind requested");
        assertThat(restore.path("reverts").asText()).isEqualTo("reverts cluster rewind to its configuration at backup"
                + " time: version " + UPGRADED + " → " + VERSION);
        // While it runs the view does not claim the spec it is about to leave.
        JsonNode running = rest("GET", environment + "/clusters/rewind", null);
        assertThat(running.path("pending").asBoolean()).isTrue();
        assertThat(running.path("pendingReason").asText()).isEqualTo("restoring backup " + backup.name()
                + ": reverts version " + UPGRADED + " → " + VERSION);
        assertThat(running.path("summary").asText()).startsWith("pending: restoring backup " + backup.name());

        List<ClusterView> healthyWithAnotherVersion = new ArrayList<>();
        RestoreView done = await("restore succeeded, its spec applied").atMost(Waits.CONVERGE).pollInterval(Waits.POLL)
                .until(() -> {
                    ClusterView view = env.controlPlane().clusters().get(env.id(), "rewind");
                    if (view.phase().equals("Healthy") && !view.pending() && !view.runningVersion().equals(view.version())) {
                        healthyWithAnotherVersion.add(view);
                    }
                    return view.pending() ? null : env.controlPlane().backups().listRestores(env.id()).stream()
                            .filter(r -> r.name().equals(restore.path("name").asText()) && r.phase().equals(SUCCEEDED))
                            .findFirst().orElse(null);
                }, Objects::nonNull);
        assertThat(done.message()).endsWith(": cluster reverted to " + VERSION + " as backed up (was " + UPGRADED + ")");
        ClusterView restored = env.awaitCluster("rewind", ClusterPhase.HEALTHY, Waits.CONVERGE);
        assertThat(restored.version()).isEqualTo(VERSION);
        assertThat(restored.runningVersion()).isEqualTo(VERSION);
        assertThat(restored.pending()).isFalse();
        assertThat(healthyWithAnotherVersion).as("Healthy views whose running version is not the one asked").isEmpty();
        assertThat(QdrantNodes.of(env, "rewind").count(0, "docs")).hasValue(POINTS_AT_BACKUP);
    }

    @Test
    void restoreIntoANewClusterBringsTheBackedUpPointsUnderTheControlPlanesManagement(HybridEnvironment env,
                                                                                     Timeline timeline) {
        seededCluster(env, timeline, "source");
        BackupView backup = awaitBackup(env, env.controlPlane().backups().takeBackup(env.id(), "source"));

        RestoreView restore = env.controlPlane().backups().restore(env.id(), backup.name(), "copy", true);
        timeline.mark("restore of " + backup.name() + " into a new cluster copy requested");

        awaitRestore(env, restore);
        // Adopted: the control plane lists the restored cluster and manages it like one it created.
        await("copy listed").atMost(Waits.PROMPTLY).pollInterval(Waits.POLL).until(() ->
                env.controlPlane().clusters().list(env.id()).stream().anyMatch(c -> c.id().equals("copy")));
        ClusterView copy = env.awaitCluster("copy", ClusterPhase.HEALTHY, Waits.CONVERGE);
        assertThat(copy.nodes()).isEqualTo(1);
        assertThat(copy.runningVersion()).isEqualTo(VERSION);
        assertThat(QdrantNodes.of(env, "copy").count(0, "docs")).hasValue(POINTS_AT_BACKUP);
        env.qdrant("copy").assertNoDataLost();
        assertThat(QdrantNodes.of(env, "source").count(0, "docs")).hasValue(POINTS_AT_BACKUP);
        env.qdrant("source").assertNoDataLost();
    }

    @Test
    void backupScheduleTakesBackupsByItself(HybridEnvironment env, Timeline timeline) {
        seededCluster(env, timeline, "nightly");

        // @every is the operator's shortest schedule (at least 1s); a cron expression fires once a minute at best.
        // Retention is 1 hour at least; the test moves the operator's clock past it instead of waiting.
        ScheduleView schedule = env.controlPlane().backups().createSchedule(env.id(), "nightly", "@every 2s", 1);
        timeline.mark("schedule " + schedule.name() + " created");

        await("schedule active").atMost(Waits.CONVERGE).pollInterval(Waits.POLL).until(() ->
                env.controlPlane().backups().listSchedules(env.id()).stream()
                        .anyMatch(s -> s.name().equals(schedule.name()) && s.phase().equals("Active")));
        // The backups a schedule takes are the operator's, not requests of the control plane: it learns of them
        // through the events the agent forwards; the snapshots themselves are in the namespace.
        List<QdrantClusterSnapshot> taken = await("three scheduled backups succeeded").atMost(Waits.CONVERGE)
                .pollInterval(Waits.POLL).until(() -> succeeded(scheduledBackups(env, schedule)), list -> list.size() >= 3);
        assertThat(taken).as("one backup per slot of the schedule")
                .extracting(snapshot -> snapshot.getSpec().getCreationTimestamp())
                .doesNotHaveDuplicates().allSatisfy(slot -> assertThat(slot % 2).as("slot %d", slot).isZero());
        assertThat(taken).allSatisfy(snapshot -> {
            assertThat(snapshot.getSpec().getClusterId()).isEqualTo("nightly");
            assertThat(snapshot.getSpec().getRetention()).isEqualTo("1h");
        });
        await("the control plane heard of them").atMost(Waits.PROMPTLY).pollInterval(Waits.POLL).until(() ->
                env.controlPlane().telemetry().recentEvents(env.id()).stream()
                        .map(KubernetesEvent::reason).anyMatch("BackupScheduled"::equals));

        // An hour and a minute later (on the operator's clock) every backup finished before is past its retention.
        Set<String> expired = names(taken);
        env.stack().operatorClock().advance(Duration.ofMinutes(61));
        timeline.mark("operator's clock moved 61 minutes ahead");

        await("backups past their retention deleted").atMost(Waits.CONVERGE).pollInterval(Waits.POLL).until(() ->
                names(scheduledBackups(env, schedule)).stream().noneMatch(expired::contains));
        // The schedule goes on, and what is kept is what its retention still covers.
        await("new backups, none past its retention").atMost(Waits.CONVERGE).pollInterval(Waits.POLL).untilAsserted(() -> {
            List<QdrantClusterSnapshot> kept = succeeded(scheduledBackups(env, schedule));
            Instant now = env.stack().operatorClock().instant();
            assertThat(kept).hasSizeGreaterThanOrEqualTo(2).allSatisfy(snapshot -> assertThat(
                    Instant.parse(snapshot.getStatus().getRetainUntil())).as("retained until").isAfter(now));
        });
    }

    /** A call to the control plane's REST API, as a user's script makes it; the answer must be a success. */
    private static JsonNode rest(String method, String url, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + url + ": " + response.body()).isBetween(200, 299);
        return JSON.readTree(response.body());
    }

    private static List<QdrantClusterSnapshot> succeeded(List<QdrantClusterSnapshot> snapshots) {
        return snapshots.stream().filter(s -> s.getStatus() != null && s.getStatus().getPhase() == SnapshotPhase.SUCCEEDED)
                .toList();
    }

    private static Set<String> names(List<QdrantClusterSnapshot> snapshots) {
        return snapshots.stream().map(s -> s.getMetadata().getName()).collect(Collectors.toSet());
    }

    private static void seededCluster(HybridEnvironment env, Timeline timeline, String clusterId) {
        env.createCluster(NewCluster.of(clusterId, 1, VERSION));
        env.awaitCluster(clusterId, ClusterPhase.HEALTHY, Waits.CONVERGE);
        env.qdrant(clusterId).seedCollection("docs", 3, 1, POINTS_AT_BACKUP);
        timeline.mark("seeded " + clusterId + " with " + POINTS_AT_BACKUP + " points");
    }

    private static BackupView awaitBackup(HybridEnvironment env, BackupView requested) {
        return await("backup " + requested.name() + " " + SUCCEEDED).atMost(Waits.CONVERGE).pollInterval(Waits.POLL)
                .until(() -> env.controlPlane().backups().getBackup(env.id(), requested.name()),
                        backup -> backup.phase().equals(SUCCEEDED));
    }

    private static void awaitRestore(HybridEnvironment env, RestoreView requested) {
        await("restore " + requested.name() + " " + SUCCEEDED).atMost(Waits.CONVERGE).pollInterval(Waits.POLL)
                .until(() -> env.controlPlane().backups().listRestores(env.id()).stream()
                        .anyMatch(r -> r.name().equals(requested.name()) && r.phase().equals(SUCCEEDED)));
    }

    private static List<QdrantClusterSnapshot> scheduledBackups(HybridEnvironment env, ScheduleView schedule) {
        return env.client().resources(QdrantClusterSnapshot.class).inNamespace(env.namespace())
                .withLabel(BackupNames.SCHEDULE_LABEL, schedule.name()).list().getItems();
    }
}
