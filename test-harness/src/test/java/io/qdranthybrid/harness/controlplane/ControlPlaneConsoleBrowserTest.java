package io.qdranthybrid.harness.controlplane;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.crd.NodeStatus;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.crd.QdrantClusterStatus;
import io.qdranthybrid.harness.cluster.SimulatedCluster;
import io.qdranthybrid.harness.kube.controllers.kubelet.KubeletSettings;
import io.qdranthybrid.harness.kube.controllers.storage.SimulatedStorageClasses;
import io.qdranthybrid.operator.QdrantOperator;
import io.qdranthybrid.operator.backup.BackupSettings;
import io.qdranthybrid.operator.cluster.OperatorDefaults;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;

import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A user drives the web console in headless Chromium (Debian's chromium and chromium-driver packages) at 1280×800,
 * with the SDK's agent (and, where the test needs pods, the operator) running against a simulated cluster, so what
 * the page shows is what really happened. Where a state is the operator's to produce and slow or impossible to reach
 * on purpose (a failed upgrade path), the test writes the QdrantCluster status as the operator would, and the real
 * agent reports it. One browser, one simulated cluster and one control plane for the class; an environment per test.
 */
@Tag("browser") // run alone, after the module's other tests (see the pom)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ControlPlaneConsoleBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(45);
    private static final Dimension SCREEN = new Dimension(1280, 800);

    private SimulatedCluster cluster;
    private SimulatedControlPlane controlPlane;
    private ChromeDriver browser;
    private final List<AutoCloseable> perTest = new ArrayList<>();

    @BeforeAll
    void start(@TempDir Path profile) {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "the console test needs Debian's Chromium: apt-get install -y chromium chromium-driver");
        cluster = SimulatedCluster.start(SimulatedCluster.Settings.defaults()
                .withKubelet(KubeletSettings.defaults().withProbeTimeScale(0.1)));
        controlPlane = SimulatedControlPlane.start(ControlPlaneSettings.fast());
        browser = startBrowser(profile);
    }

    @AfterEach
    void stopAgentsAndOperators() throws Exception {
        for (int i = perTest.size() - 1; i >= 0; i--) {
            perTest.get(i).close();
        }
        perTest.clear();
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (controlPlane != null) {
            controlPlane.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void userCreatesAClusterScalesItTakesABackupAndRestoresItWhileThePageUpdatesLive(TestInfo test) throws Exception {
        String namespace = cluster.createNamespace("console");
        browser.get(controlPlane.consoleUrl().toString());
        // Survives only as long as the page is not reloaded: everything below must arrive live.
        browser.executeScript("window.loadedOnce = true;");
        awaitText("#live", "live");

        type("#env-name", "browser-env");
        type("#env-namespace", namespace);
        click("#env-create");
        String environmentId = await().atMost(WAIT).until(() -> (String) browser.executeScript(
                "const row = document.querySelector('#env-table tr[data-env-id]'); return row && row.dataset.envId;"),
                id -> id != null);
        String envRow = "#env-table tr[data-env-id='" + environmentId + "']";
        awaitText(envRow + " .phase", "UNKNOWN");
        awaitText(envRow + " .agent", "never connected");

        // The platform team runs the bootstrap commands: the agent and the operator start in the namespace.
        startAgent(environmentId);
        startOperator(namespace);
        awaitText(envRow + " .phase", "READY");
        awaitText(envRow + " .agent", "connected");
        assertNoHorizontalScroll();
        saveScreenshot(test, "-environments");
        click(envRow + " .name a");
        awaitText("#component-table tr[data-component='qdrant-cloud-agent'] .phase", "READY");

        String orders = "#cluster-table tr[data-cluster-id='orders']";
        recordShown(orders + " .phase .badge");
        type("#cluster-id", "orders");
        type("#cluster-nodes", "3");
        type("#cluster-version", "v1.12.3");
        click("#cluster-create");
        awaitText(orders + " .phase", "Healthy");
        awaitText(orders + " .nodes", "3/3");
        assertThat(shownTexts()).as("the phase column as it changed on the page").containsSubsequence("Creating", "Healthy");
        assertThat(shownTones("Creating")).as("creating is routine work, not a failure").containsOnly("routine");

        click(orders + " .id a");
        awaitText("#cluster-title", "orders");
        assertNoHorizontalScroll();
        recordShown("#cluster-phase");
        type("#scale-nodes", "4");
        click("#scale-submit");
        awaitText("#cluster-nodes-ready", "4 of 4 ready");
        awaitText("#cluster-phase", "Healthy");
        assertThat(controlPlane.clusters().get(environmentId, "orders").nodes()).isEqualTo(4);
        assertThat(shownToneOfEveryPhaseBut("Healthy")).as("the phases a scale went through (" + shownTexts()
                + ") are routine, never painted as a failure").isNotEmpty().containsOnly("routine");
        awaitText("#node-table tr[data-pod='qdrant-orders-3'] .ready", "ready");

        click("#backup-submit");
        String backup = "#cluster-backup-table tr[data-backup-name]";
        awaitText(backup + " .phase", "Succeeded");
        awaitText("#event-table tr[data-reason='BackupSucceeded'] .type", "Normal");

        // Upgraded after the backup: restoring it takes the version back, and the confirmation says so.
        type("#upgrade-version", "v1.13.6");
        click("#upgrade-submit");
        awaitText("#cluster-version-shown", "v1.13.6");
        awaitText("#cluster-phase", "Healthy");

        // Restore it in place; while it runs, no other restore can start.
        recordRestoreButtons();
        click(backup + " .restore");
        awaitText(backup + " .restore", "Click again to confirm: reverts cluster orders to its configuration at backup"
                + " time: version v1.13.6 → v1.12.3");
        click(backup + " .restore");
        awaitText("#restore-table tr[data-restore-name] .phase", "Succeeded");
        awaitText("#cluster-version-shown", "v1.12.3");
        List<Map<String, Object>> whileRunning = restoreButtonsWhileRunning();
        assertThat(whileRunning).as("the restore button while a restore ran").isNotEmpty()
                .allSatisfy(shown -> assertThat(shown.get("disabled")).isEqualTo(true));
        awaitCondition(() -> !(Boolean) browser.executeScript(
                "return document.querySelector(arguments[0]).disabled;", backup + " .restore"));

        assertThat(browser.executeScript("return window.loadedOnce === true;")).isEqualTo(true);
        assertThat(visibleErrors()).isEmpty();
        saveScreenshot(test);
    }

    @Test
    void theEnvironmentPageListsTheAgentsPrerequisitesProblemsFirstWithWhatToDo(TestInfo test) throws Exception {
        EnvironmentView environment = environmentWithAgent("prerequisites");
        browser.get(controlPlane.consoleUrl() + "#/environments/" + environment.id());
        String rows = "#prerequisite-table tr[data-prerequisite]";

        awaitCondition(() -> ((Number) browser.executeScript(
                "return document.querySelectorAll(arguments[0]).length;", rows)).intValue() == 7);

        @SuppressWarnings("unchecked")
        List<String> verdicts = (List<String>) browser.executeScript("return [...document.querySelectorAll("
                + "arguments[0] + ' .verdict')].map(cell => cell.textContent);", rows);
        List<String> order = List.of("FAIL", "WARN", "PASS");
        assertThat(verdicts).first().isNotEqualTo("PASS");
        assertThat(verdicts).isSortedAccordingTo(java.util.Comparator.comparing(order::indexOf));
        // The simulated default class (local-path) cannot grow: the user reads why and what to change.
        String storage = "#prerequisite-table tr[data-prerequisite='Default StorageClass']";
        assertThat(text(storage + " .verdict")).isEqualTo("WARN");
        assertThat(text(storage + " .found")).isEqualTo("local-path does not allow volume expansion");
        assertThat(text(storage + " .advice")).startsWith("set allowVolumeExpansion: true on local-path");
        assertNoHorizontalScroll();
        saveScreenshot(test, "-prerequisites");
    }

    @Test
    void anUnschedulableNodeShowsTheSchedulersReasonOnTheClusterPage(TestInfo test) throws Exception {
        EnvironmentView environment = environmentWithAgent("capacity");
        startOperator(environment.namespace());
        // 8 CPUs per node on simulated nodes of 4 CPUs each: no node can take the pod.
        controlPlane.clusters().create(environment.id(), new NewCluster("big", 1, "v1.12.3", "8", "1Gi", "10Gi", null));

        openCluster(environment.id(), "big");
        String node = "#node-table tr[data-pod='qdrant-big-0']";
        awaitCondition(() -> text(node + " .reason") != null && text(node + " .reason").contains("Insufficient cpu"));
        assertThat(text(node + " .reason")).contains("Unschedulable", "0/3 nodes are available");
        assertThat(classes(node + " .reason")).contains("failure");
        assertThat(classes(node + " .phase .badge")).contains("failure");
        assertThat(text(node + " .ready")).isEqualTo("not ready");
        assertThat(text("#cluster-nodes-ready")).isEqualTo("0 of 1 ready");
        assertThat(classes("#cluster-phase")).as("creating that cannot finish is a failure, not routine work")
                .contains("failure");
        browser.get(controlPlane.consoleUrl() + "#/environments/" + environment.id());
        awaitCondition(() -> String.valueOf(classes("#cluster-table tr[data-cluster-id='big'] .phase .badge"))
                .contains("failure"));
        openCluster(environment.id(), "big");
        assertNoHorizontalScroll();
        assertThat(visibleErrors()).isEmpty();
        saveScreenshot(test);
    }

    @Test
    void theLogsViewShowsANodesQdrantLogAndTheEventsOnlyWhenAsked(TestInfo test) throws Exception {
        EnvironmentView environment = environmentWithAgent("logs");
        startOperator(environment.namespace());
        controlPlane.clusters().create(environment.id(), NewCluster.of("tail", 1, "v1.12.3"));

        openCluster(environment.id(), "tail");
        awaitCondition(() -> "ready".equals(text("#node-table tr[data-pod='qdrant-tail-0'] .ready")));
        assertThat(browser.findElement(By.id("logs-text")).isDisplayed()).as("nothing read before asked").isFalse();
        browser.findElement(By.cssSelector("#logs-node option[value='qdrant-tail-0']")).click();
        type("#logs-tail", "50");
        click("#logs-refresh");
        awaitCondition(() -> String.valueOf(text("#logs-text")).contains("Joined consensus of cluster tail"));
        assertThat(text("#logs-text")).contains("Qdrant HTTP listening on 6333");
        assertThat(browser.findElement(By.cssSelector("#logs-text")).getCssValue("font-family")).contains("monospace");

        click("#live-events-refresh");
        awaitCondition(() -> !browser.findElements(By.cssSelector("#live-event-table tbody tr")).isEmpty());
        assertThat(text("#live-event-table tbody")).contains("PersistentVolumeClaim");
        assertNoHorizontalScroll();
        assertThat(visibleErrors()).isEmpty();
        saveScreenshot(test);
    }

    @Test
    void aRefusedUpgradeShowsItsErrorNextToTheUpgradeForm(TestInfo test) throws Exception {
        EnvironmentView environment = environmentWithAgent("upgrades");
        controlPlane.clusters().create(environment.id(), NewCluster.of("search", 3, "v1.12.3"));
        openCluster(environment.id(), "search");
        awaitCondition(() -> !(Boolean) browser.executeScript("return document.querySelector('#upgrade-submit').disabled;"));

        // By keyboard alone: into the version field, type, Enter submits the form.
        WebElement version = browser.findElement(By.cssSelector("#upgrade-version"));
        version.clear();
        version.sendKeys("v1.14.0", Keys.ENTER);
        awaitCondition(() -> visible("#upgrade-error"));
        assertThat(text("#upgrade-error")).contains("skips a minor version");
        assertThat(inViewport("#upgrade-error")).as("the error is on screen, next to the form").isTrue();
        assertThat(visible("#error")).as("no banner off-screen at the top").isFalse();
        assertThat(visible("#scale-error")).as("only the form that failed says so").isFalse();
        assertThat(controlPlane.clusters().get(environment.id(), "search").version()).isEqualTo("v1.12.3");
        saveScreenshot(test, "-error");

        // Fixing the input and submitting again clears it.
        version.clear();
        version.sendKeys("v1.13.0", Keys.ENTER);
        awaitCondition(() -> !visible("#upgrade-error"));
        assertThat(controlPlane.clusters().get(environment.id(), "search").version()).isEqualTo("v1.13.0");
        assertKeyboardUsable();
        assertNoHorizontalScroll();
        saveScreenshot(test);
    }

    @Test
    void versionPickersOfferTheCatalogueAndTheClusterPageShowsEndOfLifeAndTheUpgradePath(TestInfo test)
            throws Exception {
        EnvironmentView environment = environmentWithAgent("catalogue");
        browser.get(controlPlane.consoleUrl() + "#/environments/" + environment.id());
        browser.navigate().refresh(); // a fresh page: an earlier test typed into the form this one checks
        // The create form starts on the default; the list offers every available release, not the withdrawn one.
        awaitCondition(() -> SimulatedReleaseCatalogue.DEFAULT_VERSION.equals(
                browser.executeScript("return document.querySelector('#cluster-version').value;")));
        @SuppressWarnings("unchecked")
        List<String> offered = (List<String>) browser.executeScript(
                "return [...document.querySelectorAll('#release-versions option')].map(o => o.label);");
        assertThat(offered.get(0)).isEqualTo(SimulatedReleaseCatalogue.DEFAULT_VERSION + " (default)");
        assertThat(offered).contains("v1.11.5 (end of life)", "v1.12.3")
                .noneMatch(label -> label.startsWith(SimulatedReleaseCatalogue.UNAVAILABLE_VERSION));
        type("#cluster-version", "v1.11.5");
        awaitText("#cluster-version-hint", "v1.11.5 is end of life: it runs, but is no longer supported.");

        controlPlane.clusters().create(environment.id(), NewCluster.of("legacy", 1, "v1.11.5"));
        awaitCondition(() -> String.valueOf(text("#cluster-table tr[data-cluster-id='legacy'] .version"))
                .contains("end of life"));
        openCluster(environment.id(), "legacy");
        awaitCondition(() -> visible("#cluster-eol"));
        awaitText("#upgrade-next", "Next step: v1.12.6");
        awaitCondition(() -> !(Boolean) browser.executeScript("return document.querySelector('#upgrade-version').disabled;"));
        type("#upgrade-version", "v1.13.6");
        awaitText("#upgrade-path", "Upgrade path: v1.12.6 → v1.13.6. Upgrade one step at a time; ask for v1.12.6 first.");
        click("#upgrade-next");
        assertThat(browser.findElement(By.cssSelector("#upgrade-version")).getAttribute("value")).isEqualTo("v1.12.6");
        assertNoHorizontalScroll();
        saveScreenshot(test);
    }

    @Test
    void aPendingChangeSaysWhyAndHoldsBackAnUpgrade(TestInfo test) throws Exception {
        String namespace = cluster.createNamespace("console-pending");
        EnvironmentView environment = controlPlane.environments().create("no-agent-yet", namespace);
        controlPlane.clusters().create(environment.id(), NewCluster.of("queued", 3, "v1.12.3"));
        String pendingReason = controlPlane.clusters().get(environment.id(), "queued").pendingReason();
        assertThat(pendingReason).isNotBlank();

        browser.get(controlPlane.consoleUrl() + "#/environments/" + environment.id());
        String row = "#cluster-table tr[data-cluster-id='queued']";
        awaitText(row + " .phase .pending", "change pending");
        assertThat(browser.findElement(By.cssSelector(row + " .phase .pending")).getAttribute("title"))
                .isEqualTo(pendingReason);

        openCluster(environment.id(), "queued");
        awaitCondition(() -> visible("#cluster-pending"));
        assertThat(text("#cluster-pending")).isEqualTo("Change pending: " + pendingReason);
        assertThat(browser.findElement(By.cssSelector("#upgrade-submit")).isEnabled()).isFalse();
        assertThat(text("#upgrade-hint")).startsWith("a change is pending");
        assertThat(browser.findElement(By.cssSelector("#scale-submit")).isEnabled())
                .as("a scale replaces the pending change, so it stays possible").isTrue();

        saveScreenshot(test);

        // The agent connects and applies it: the notice goes and the upgrade is possible again.
        startAgent(environment.id());
        awaitCondition(() -> !visible("#cluster-pending"));
        awaitCondition(() -> browser.findElement(By.cssSelector("#upgrade-submit")).isEnabled());
        assertThat(text("#upgrade-hint")).isEmpty();
    }

    @Test
    void aFailedClusterIsPaintedAsAFailureAndRoutineWorkIsNot(TestInfo test) throws Exception {
        EnvironmentView environment = environmentWithAgent("tones");
        String namespace = environment.namespace();
        for (String id : List.of("broken", "crashing", "joining", "growing", "healthy")) {
            controlPlane.clusters().create(environment.id(), NewCluster.of(id, 3, "v1.12.3"));
        }
        // The operator's words for each state (ClusterLifecycle, ClusterObserver): a refused upgrade path; a node in a
        // crash loop with nothing in progress; a scale's new node still starting; a scale in progress; all fine.
        reportStatus(namespace, "broken", ClusterPhase.FAILED_TO_UPDATE, "upgrading from v1.12.3 to v2.0.0 changes "
                + "the major version, which has no supported upgrade path; pick a 1.x version", readyNodes("broken", 3));
        Map<String, NodeStatus> crashing = readyNodes("crashing", 2);
        crashing.put("qdrant-crashing-2", node("qdrant-crashing-2", "Running", false, 4,
                "CrashLoopBackOff: back-off 40s restarting failed container=qdrant"));
        reportStatus(namespace, "crashing", ClusterPhase.NOT_READY, "2/3 nodes ready", crashing);
        Map<String, NodeStatus> joining = readyNodes("joining", 3);
        joining.put("qdrant-joining-3", node("qdrant-joining-3", "Pending", false, 0, "ContainerCreating"));
        reportStatus(namespace, "joining", ClusterPhase.NOT_READY, "3/4 nodes ready", joining);
        reportStatus(namespace, "growing", ClusterPhase.SCALING, "adding nodes: 3 -> 4", readyNodes("growing", 3));
        reportStatus(namespace, "healthy", ClusterPhase.HEALTHY, "", readyNodes("healthy", 3));

        browser.get(controlPlane.consoleUrl() + "#/environments/" + environment.id());
        String badge = "#cluster-table tr[data-cluster-id='%s'] .phase .badge";
        awaitText(badge.formatted("broken"), "FailedToUpdate");
        awaitText(badge.formatted("crashing"), "NotReady");
        awaitText(badge.formatted("joining"), "NotReady");
        awaitText(badge.formatted("growing"), "Scaling");
        awaitText(badge.formatted("healthy"), "Healthy");
        assertThat(classes(badge.formatted("broken"))).contains("failure");
        assertThat(classes(badge.formatted("crashing"))).contains("failure");
        assertThat(classes(badge.formatted("joining"))).contains("routine").doesNotContain("failure");
        assertThat(classes(badge.formatted("growing"))).contains("routine").doesNotContain("failure");
        assertThat(classes(badge.formatted("healthy"))).contains("ok");
        assertThat(cssColour(badge.formatted("joining"))).isNotEqualTo(cssColour(badge.formatted("crashing")));
        assertNoHorizontalScroll();
        saveScreenshot(test);

        // The same rule on every phase the operator (and the control plane, for deletes) can show.
        assertThat(tone("Deleting", "")).isEqualTo("idle");
        assertThat(tone("NotReady", "restarting all nodes to v1.13.0")).isEqualTo("routine");
        assertThat(tone("NotReady", "resuming: waiting for 3 nodes")).isEqualTo("routine");
        for (String routine : List.of("Creating", "Scaling", "Upgrading", "Updating", "Restarting", "Resuming")) {
            assertThat(tone(routine, "")).as(routine).isEqualTo("routine");
        }
        for (String failed : List.of("FailedToCreate", "FailedToUpdate", "FailedToSuspend", "FailedToResume")) {
            assertThat(tone(failed, "")).as(failed).isEqualTo("failure");
        }
    }

    @Test
    void aDeletedClusterShowsDeletingUntilTheAgentReportsItGone(TestInfo test) throws Exception {
        EnvironmentView environment = environmentWithAgent("deletes");
        String namespace = environment.namespace();
        controlPlane.clusters().create(environment.id(), NewCluster.of("doomed", 1, "v1.12.3"));
        var live = cluster.client().resources(QdrantCluster.class).inNamespace(namespace).withName("qdrant-doomed");
        await().atMost(WAIT).until(() -> live.get() != null);
        // As the operator's finalizer does: the object stays until its Kubernetes objects are cleaned up.
        live.edit(qc -> {
            qc.getMetadata().setFinalizers(List.of("qdrant.io/test-cleanup"));
            return qc;
        });
        openCluster(environment.id(), "doomed");
        awaitCondition(() -> !(Boolean) browser.executeScript("return document.querySelector('#cluster-delete').disabled;"));
        recordShown("#cluster-phase");

        click("#cluster-delete");
        awaitText("#cluster-delete", "Click again to confirm");
        click("#cluster-delete");
        await().atMost(WAIT).until(() -> live.get() != null && live.get().getMetadata().getDeletionTimestamp() != null);
        // The finalizer holds the objects, so the agent cannot report them gone: the page must say Deleting.
        awaitText("#cluster-phase", "Deleting");
        assertThat(classes("#cluster-phase")).contains("idle").doesNotContain("failure");
        for (String action : List.of("#cluster-delete", "#upgrade-submit", "#scale-submit", "#cluster-restart")) {
            assertThat(browser.findElement(By.cssSelector(action)).isEnabled()).as(action).isFalse();
        }
        saveScreenshot(test);
        live.edit(qc -> {
            qc.getMetadata().setFinalizers(List.of());
            return qc;
        });
        awaitCondition(() -> visible("#cluster-gone"));
        assertThat(text("#cluster-gone")).contains("no longer exists");
        assertThat(shownTones("Deleting")).as("a delete is routine").doesNotContain("failure");
        assertThat(visibleErrors()).isEmpty();
    }

    @Test
    void theEnvironmentPageShowsTheAgentConnectedDisconnectedAndRefused(TestInfo test) throws Exception {
        String namespace = cluster.createNamespace("console-env");
        EnvironmentView environment = controlPlane.environments().create("agent-states", namespace);
        browser.get(controlPlane.consoleUrl() + "#/environments/" + environment.id());
        awaitText("#agent-state", "never connected");
        assertThat(classes("#agent-state")).contains("idle");
        assertThat(text("#agent-detail")).contains("bootstrap commands", namespace);

        InProcessAgent first = startAgent(environment.id());
        awaitText("#agent-state", "connected");
        assertThat(classes("#agent-state")).contains("ok");
        awaitText("#env-kubernetes", "K3S v1.31.4+k3s1");
        awaitText("#env-node-count", "3");
        assertThat(text("#env-storage-classes")).contains(SimulatedStorageClasses.SIM_CSI);
        assertThat(text("#env-snapshot-classes")).isNotBlank().doesNotContain("not reported");
        awaitText("#component-table tr[data-component='qdrant-cloud-agent'] .phase", "READY");
        assertNoHorizontalScroll();
        assertKeyboardUsable();
        saveScreenshot(test);

        first.close();
        perTest.remove(first);
        awaitText("#agent-state", "disconnected");
        assertThat(classes("#agent-state")).contains("routine");
        assertThat(text("#agent-detail")).isNotBlank().isNotEqualTo("—");
        assertThat(text("#env-phase-message")).isEqualTo(controlPlane.environments().get(environment.id()).phaseMessage());

        // A new agent connects; then someone generates bootstrap commands in the console, which rotates its key.
        startAgent(environment.id());
        awaitText("#agent-state", "connected");
        click("#bootstrap-generate");
        awaitCondition(() -> visible("#bootstrap-commands"));
        // Cut with the reason first (disconnected), then refused at its next attempt to come back.
        awaitText("#agent-state", "refused");
        assertThat(classes("#agent-state")).contains("failure");
        // The refusal's reason and what to do, as the gateway words it. Not compared with the live presence at one
        // instant: the agent keeps retrying, and on a busy machine the page's poll and the read here fell on
        // different attempts.
        awaitCondition(() -> text("#agent-detail").contains("KEY_ROTATED"));
        assertThat(text("#agent-detail")).contains("KEY_ROTATED", "apply the latest bootstrap commands");
        saveScreenshot(test, "-refused");
        awaitText("#env-phase-message", controlPlane.environments().get(environment.id()).phaseMessage());
        assertThat(visibleErrors()).isEmpty();
    }

    @Test
    void clusterPageChartsUsageAndShowsTheDownscaleRiskBeforeAScaleDownGoesAhead(TestInfo test) throws Exception {
        String namespace = cluster.createNamespace("console-usage");
        EnvironmentView environment = controlPlane.environments().create("usage", namespace);
        perTest.add(InProcessAgent.start(controlPlane, cluster, environment.id(), Duration.ofSeconds(1)));
        startOperator(namespace);
        controlPlane.clusters().create(environment.id(), NewCluster.of("orders", 2, "v1.12.3"));
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> "Healthy".equals(
                controlPlane.clusters().get(environment.id(), "orders").phase()));
        // Shard i on node i at replication factor 1: shard 1 lives only on the node a scale to 1 removes.
        cluster.qdrant().cluster(namespace, "orders").seedCollection("docs", 2, 1, 20_000);

        browser.get(controlPlane.consoleUrl() + "#/environments/" + environment.id() + "/clusters/orders");
        awaitCondition(() -> text("#usage-summary").contains("20000 points"));
        awaitCondition(() -> ((String) browser.executeScript("const line = document.querySelector("
                + "'#chart-disk polyline.chart-line'); return line ? line.getAttribute('points') : '';"))
                .split(" ").length >= 2);
        // SVG text has no innerText: read its textContent.
        assertThat((String) browser.executeScript("return document.querySelector('#chart-memory text').textContent;"))
                .startsWith("now ").contains(" of 2.0 GiB");
        saveScreenshot(test);

        type("#scale-nodes", "1");
        click("#scale-submit");
        awaitCondition(() -> text("#scale-risk").startsWith("Scaling to 1: Data at risk."));
        assertThat(text("#scale-risk")).contains("'docs' shard 1 has replication factor 1", "leaving node 1",
                "Click Scale again to scale anyway.");
        assertThat(controlPlane.clusters().get(environment.id(), "orders").nodes()).as("not scaled before confirming")
                .isEqualTo(2);
        click("#scale-submit");
        awaitCondition(() -> controlPlane.clusters().get(environment.id(), "orders").nodes() == 1);
    }

    @Test
    void theEnvironmentPageSaysWhyTheOperatorsMetricsAreUnreachable(TestInfo test) throws Exception {
        String namespace = cluster.createNamespace("console-operator");
        EnvironmentView environment = controlPlane.environments().create("operator", namespace);
        // No operator Service in this namespace: the agent's default endpoint does not answer.
        perTest.add(InProcessAgent.start(controlPlane, cluster, environment.id(), Duration.ofSeconds(1)));

        browser.get(controlPlane.consoleUrl() + "#/environments/" + environment.id());
        awaitCondition(() -> text("#operator-unreachable").startsWith("operator metrics unreachable: GET http://"
                + "qdrant-hybrid-operator." + namespace + ".svc:8285/prometheus failed: "));
        assertThat(text("#operator-unreachable")).contains("the host name does not resolve", "Is the operator running");
        assertThat(text("#operator-reconciles")).isEqualTo("—");
        assertThat(text("#operator-queue")).isEqualTo("—");
        saveScreenshot(test);
    }

    // ---- the stack ----

    /** A namespace of its own, an environment for it, and the agent running there. */
    private EnvironmentView environmentWithAgent(String name) {
        EnvironmentView environment = controlPlane.environments().create(name, cluster.createNamespace("console-" + name));
        startAgent(environment.id());
        return environment;
    }

    private InProcessAgent startAgent(String environmentId) {
        InProcessAgent agent = InProcessAgent.start(controlPlane, cluster, environmentId);
        perTest.add(agent);
        return agent;
    }

    /** The SDK's operator in-process, with database volumes on the snapshot-capable class so backups work. */
    private void startOperator(String namespace) {
        KubernetesClient operatorClient = cluster.newClient(namespace, "qdrant-hybrid-operator");
        perTest.add(operatorClient);
        QdrantOperator operator = QdrantOperator.builder(operatorClient, namespace)
                .defaults(OperatorDefaults.hybrid().withStorageClasses(SimulatedStorageClasses.SIM_CSI, null))
                .qdrantEndpoints((ns, names, ordinal, tls) -> cluster.qdrantEndpoint(ns, names.pod(ordinal))
                        .orElse(URI.create("http://127.0.0.1:9")))
                .resyncPeriod(Duration.ofSeconds(30))
                .qdrantTimeout(Duration.ofSeconds(2))
                .backups(BackupSettings.defaults().withProgressInterval(Duration.ofMillis(200))
                        .withClusterRecheck(Duration.ofMillis(500)))
                .build();
        perTest.add(operator);
        operator.start();
    }

    /** Writes a QdrantCluster status as the operator would; the agent reports it to the control plane. */
    private void reportStatus(String namespace, String clusterId, ClusterPhase phase, String reason,
                              Map<String, NodeStatus> nodes) {
        var live = cluster.client().resources(QdrantCluster.class).inNamespace(namespace).withName("qdrant-" + clusterId);
        await().atMost(WAIT).until(() -> live.get() != null);
        live.editStatus(qc -> {
            QdrantClusterStatus status = new QdrantClusterStatus();
            status.setPhase(phase);
            status.setReason(reason);
            status.setAvailableNodes((int) nodes.values().stream().filter(n -> "True".equals(n.getState().get("Ready")))
                    .count());
            status.setNodes(nodes);
            status.setVersion("v1.12.3");
            Condition progressing = new ConditionBuilder().withType("Progressing")
                    .withStatus(phase == ClusterPhase.HEALTHY || phase.wireValue().startsWith("Failed") ? "False" : "True")
                    .withReason(phase.wireValue()).withMessage(reason.isEmpty() ? "no operation in progress" : reason)
                    .withLastTransitionTime(Instant.now().toString()).build();
            status.setConditions(List.of(progressing));
            qc.setStatus(status);
            return qc;
        });
    }

    private static Map<String, NodeStatus> readyNodes(String clusterId, int count) {
        Map<String, NodeStatus> nodes = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String pod = "qdrant-" + clusterId + "-" + i;
            nodes.put(pod, node(pod, "Running", true, 0, null));
        }
        return nodes;
    }

    private static NodeStatus node(String pod, String phase, boolean ready, int restarts, String message) {
        NodeStatus node = new NodeStatus();
        node.setName(pod);
        node.setPodPhase(phase);
        node.setRestartCount(restarts);
        node.setState(Map.of("Ready", ready ? "True" : "False"));
        node.setPodMessage(message);
        return node;
    }

    private ChromeDriver startBrowser(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile.toAbsolutePath(),
                "--window-size=" + SCREEN.getWidth() + "," + SCREEN.getHeight());
        // An explicit driver: Selenium Manager never looks for (or downloads) one.
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    // ---- what the page shows ----

    private void openCluster(String environmentId, String clusterId) {
        browser.get(controlPlane.consoleUrl() + "#/environments/" + environmentId + "/clusters/" + clusterId);
        awaitText("#cluster-title", clusterId);
    }

    /** Records in the page every text and tone the element shows, so a short-lived one is not missed between polls. */
    private void recordShown(String css) {
        browser.executeScript("window.shown = [];"
                + "if (window.shownObserver) window.shownObserver.disconnect();"
                + "window.shownObserver = new MutationObserver(() => {"
                + "  const e = document.querySelector(arguments[0]);"
                + "  if (e === null) return;"
                + "  const now = {text: e.innerText.trim(), tone: ['ok', 'routine', 'failure', 'idle']"
                + "      .find((t) => e.classList.contains(t)) || ''};"
                + "  const last = window.shown[window.shown.length - 1];"
                + "  if (!last || last.text !== now.text || last.tone !== now.tone) window.shown.push(now);"
                + "});"
                + "window.shownObserver.observe(document.querySelector('main'),"
                + "    {childList: true, subtree: true, characterData: true, attributes: true});", css);
    }

    private List<String> shownTexts() {
        return shown().stream().map(s -> (String) s.get("text")).toList();
    }

    private List<String> shownTones(String text) {
        return shown().stream().filter(s -> text.equals(s.get("text"))).map(s -> (String) s.get("tone")).toList();
    }

    private List<String> shownToneOfEveryPhaseBut(String text) {
        return shown().stream().filter(s -> !text.equals(s.get("text"))).map(s -> (String) s.get("tone")).toList();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> shown() {
        return (List<Map<String, Object>>) browser.executeScript("return window.shown;");
    }

    /** Records the restore buttons' state whenever a restore row shows a phase that is not final. */
    private void recordRestoreButtons() {
        browser.executeScript("window.restoreShown = [];"
                + "new MutationObserver(() => {"
                + "  const phase = document.querySelector('#restore-table tr[data-restore-name] .phase');"
                + "  const button = document.querySelector('#cluster-backup-table .restore');"
                + "  if (phase && button && !['Succeeded', 'Failed', 'Skipped'].includes(phase.innerText.trim())) {"
                + "    window.restoreShown.push({phase: phase.innerText.trim(), disabled: button.disabled});"
                + "  }"
                + "}).observe(document.querySelector('main'), {childList: true, subtree: true, attributes: true});");
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> restoreButtonsWhileRunning() {
        return (List<Map<String, Object>>) browser.executeScript("return window.restoreShown;");
    }

    /** The console's own tone rule, run in the page: the same function that colours every badge. */
    private String tone(String phase, String reason) {
        return (String) browser.executeScript("return clusterTone({phase: arguments[0], reason: arguments[1]});",
                phase, reason);
    }

    private void type(String css, String value) {
        WebElement input = browser.findElement(By.cssSelector(css));
        input.clear();
        input.sendKeys(value);
    }

    /** Clicks once the control is enabled; a row redrawn by a live update between finding and clicking is found again. */
    private void click(String css) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).ignoreExceptionsMatching(e -> e instanceof StaleElementReferenceException
                        || e instanceof NoSuchElementException)
                .until(() -> {
                    WebElement element = browser.findElement(By.cssSelector(css));
                    if (!element.isEnabled()) {
                        return false;
                    }
                    element.click();
                    return true;
                });
    }

    /**
     * The element's visible text, read in one script: the console re-renders rows on every event, so an element
     * found in one call may be gone by the next. Null when no element matches.
     */
    private String text(String css) {
        Object text = browser.executeScript("const e = document.querySelector(arguments[0]);"
                + " return e === null ? null : e.innerText.trim();", css);
        return (String) text;
    }

    private String classes(String css) {
        return (String) browser.executeScript("const e = document.querySelector(arguments[0]);"
                + " return e === null ? null : e.className;", css);
    }

    private String cssColour(String css) {
        return (String) browser.executeScript(
                "return getComputedStyle(document.querySelector(arguments[0])).backgroundColor;", css);
    }

    private boolean visible(String css) {
        return (Boolean) browser.executeScript("const e = document.querySelector(arguments[0]);"
                + " return e !== null && e.offsetParent !== null && !e.hidden;", css);
    }

    private boolean inViewport(String css) {
        return (Boolean) browser.executeScript("const r = document.querySelector(arguments[0]).getBoundingClientRect();"
                + " return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0;", css);
    }

    /** Texts of every error box a user can see now. */
    @SuppressWarnings("unchecked")
    private List<String> visibleErrors() {
        return (List<String>) browser.executeScript("return [...document.querySelectorAll('#error, .form-error')]"
                + ".filter((e) => !e.hidden && e.offsetParent !== null).map((e) => e.innerText);");
    }

    /** At 1280×800 the page never scrolls sideways. */
    private void assertNoHorizontalScroll() {
        assertThat(browser.manage().window().getSize()).isEqualTo(SCREEN);
        assertThat((Long) browser.executeScript("return document.documentElement.scrollWidth;"))
                .isLessThanOrEqualTo((Long) browser.executeScript("return document.documentElement.clientWidth;"));
    }

    /**
     * Every input has a label and every button and link a name, and the Tab key shows where the focus is (an
     * outline, not just the browser default that the page's styles could have removed).
     */
    @SuppressWarnings("unchecked")
    private void assertKeyboardUsable() {
        List<String> unlabelled = (List<String>) browser.executeScript(
                "return [...document.querySelectorAll('input')].filter((e) => e.offsetParent !== null"
                        + " && e.labels.length === 0).map((e) => e.id);");
        assertThat(unlabelled).as("inputs without a label").isEmpty();
        List<String> unnamed = (List<String>) browser.executeScript(
                "return [...document.querySelectorAll('button, a')].filter((e) => e.offsetParent !== null"
                        + " && !e.innerText.trim() && !e.getAttribute('aria-label')).map((e) => e.outerHTML);");
        assertThat(unnamed).as("buttons and links without a name").isEmpty();
        browser.executeScript("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);");
        new Actions(browser).sendKeys(Keys.TAB).sendKeys(Keys.TAB).perform();
        Map<String, Object> focus = (Map<String, Object>) browser.executeScript(
                "const e = document.activeElement, s = getComputedStyle(e);"
                        + " return {tag: e.tagName, outline: s.outlineStyle, width: s.outlineWidth};");
        assertThat(focus.get("tag")).as("Tab reaches a control").isIn("A", "BUTTON", "INPUT");
        assertThat(focus.get("outline")).as("focus is visible").isEqualTo("solid");
    }

    private void awaitText(String css, String expected) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(text(css)).as(css).isEqualTo(expected));
    }

    private void awaitCondition(java.util.concurrent.Callable<Boolean> condition) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(condition);
    }

    /** Leaves what the user saw, the whole page at 1280 wide, in target/console-screenshots/, for a person to look at. */
    private void saveScreenshot(TestInfo test) throws Exception {
        saveScreenshot(test, "");
    }

    private void saveScreenshot(TestInfo test, String suffix) throws Exception {
        long height = (Long) browser.executeScript("window.scrollTo(0, 0); return document.documentElement.scrollHeight;");
        browser.manage().window().setSize(new Dimension(SCREEN.getWidth(), (int) Math.max(height, SCREEN.getHeight())));
        try {
            File shot = browser.getScreenshotAs(OutputType.FILE);
            Path target = Path.of("target", "console-screenshots", test.getTestMethod().orElseThrow().getName() + suffix
                    + ".png");
            Files.createDirectories(target.getParent());
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            browser.manage().window().setSize(SCREEN);
        }
    }
}
