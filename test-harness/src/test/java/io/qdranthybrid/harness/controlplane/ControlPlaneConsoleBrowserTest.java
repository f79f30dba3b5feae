package io.qdranthybrid.harness.controlplane;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdranthybrid.harness.cluster.SimulatedCluster;
import io.qdranthybrid.harness.kube.controllers.kubelet.KubeletSettings;
import io.qdranthybrid.harness.kube.controllers.storage.SimulatedStorageClasses;
import io.qdranthybrid.operator.QdrantOperator;
import io.qdranthybrid.operator.backup.BackupSettings;
import io.qdranthybrid.operator.cluster.OperatorDefaults;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A user drives the web console in headless Chromium (Debian's chromium and chromium-driver packages), with the
 * SDK's agent and operator running against a simulated cluster, so what the page shows is what really happened:
 * an environment created in the console turns READY, a cluster created through the form goes from Creating to
 * Healthy, scales, and gets a backup, all appearing without a page reload.
 */
class ControlPlaneConsoleBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(45);

    private SimulatedCluster cluster;
    private SimulatedControlPlane controlPlane;
    private InProcessAgent agent;
    private KubernetesClient operatorClient;
    private QdrantOperator operator;
    private ChromeDriver browser;

    @BeforeEach
    void start(@TempDir Path profile) {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "the console test needs Debian's Chromium: apt-get install -y chromium chromium-driver");
        cluster = SimulatedCluster.start(SimulatedCluster.Settings.defaults()
                .withKubelet(KubeletSettings.defaults().withProbeTimeScale(0.1)));
        controlPlane = SimulatedControlPlane.start(ControlPlaneSettings.fast());
        browser = startBrowser(profile);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (operator != null) {
            operator.close();
        }
        if (operatorClient != null) {
            operatorClient.close();
        }
        if (agent != null) {
            agent.close();
        }
        if (controlPlane != null) {
            controlPlane.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void userCreatesAClusterScalesItAndTakesABackupWhileThePageUpdatesLive() throws Exception {
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
        awaitText("#env-table tr[data-env-id] .phase", "UNKNOWN");

        // The platform team runs the bootstrap commands: the agent and the operator start in the namespace.
        agent = InProcessAgent.start(controlPlane, cluster, environmentId);
        startOperator(namespace);
        awaitText("#env-table tr[data-env-id] .phase", "READY");
        awaitText("#env-table tr[data-env-id] .agent", "connected");
        awaitText("#component-table tr[data-component='qdrant-cloud-agent'] .phase", "READY");

        String orders = "#cluster-table tr[data-cluster-id='orders']";
        recordPhasesShown(orders + " .phase");
        type("#cluster-id", "orders");
        type("#cluster-nodes", "3");
        type("#cluster-version", "v1.12.3");
        click("#cluster-create");
        awaitText(orders + " .phase", "Healthy");
        awaitText(orders + " .nodes", "3/3");
        assertThat(browser.executeScript("return window.phasesShown;")).asList()
                .as("the phase column as it changed on the page").containsSubsequence("Creating", "Healthy");

        click(orders);
        type("#scale-nodes", "4");
        click("#scale-submit");
        awaitText(orders + " .nodes", "4/4");
        awaitText(orders + " .phase", "Healthy");
        assertThat(controlPlane.clusters().get(environmentId, "orders").nodes()).isEqualTo(4);

        click("#backup-submit");
        String backup = "#backup-table tr[data-backup-name]";
        awaitText(backup + " .cluster", "orders");
        awaitText(backup + " .phase", "Succeeded");

        assertThat(browser.executeScript("return window.loadedOnce === true;")).isEqualTo(true);
        assertThat(text("#error")).isEmpty();
        saveScreenshot();
    }

    private ChromeDriver startBrowser(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1280,1800");
        // An explicit driver: Selenium Manager never looks for (or downloads) one.
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** The SDK's operator in-process, with database volumes on the snapshot-capable class so backups work. */
    private void startOperator(String namespace) {
        operatorClient = cluster.newClient(namespace, "qdrant-hybrid-operator");
        operator = QdrantOperator.builder(operatorClient, namespace)
                .defaults(OperatorDefaults.hybrid().withStorageClasses(SimulatedStorageClasses.SIM_CSI, null))
                .qdrantEndpoints((ns, names, ordinal, tls) -> cluster.qdrantEndpoint(ns, names.pod(ordinal))
                        .orElse(URI.create("http://127.0.0.1:9")))
                .resyncPeriod(Duration.ofSeconds(30))
                .qdrantTimeout(Duration.ofSeconds(2))
                .backups(BackupSettings.defaults().withProgressInterval(Duration.ofMillis(200))
                        .withClusterRecheck(Duration.ofMillis(500)))
                .build();
        operator.start();
    }

    /** Records in the page every phase the cell shows, so a short-lived one is not missed between two polls. */
    private void recordPhasesShown(String css) {
        browser.executeScript("window.phasesShown = [];"
                + "new MutationObserver(() => {"
                + "  const cell = document.querySelector(arguments[0]);"
                + "  const shown = cell === null ? null : cell.innerText.trim();"
                + "  if (shown !== null && window.phasesShown[window.phasesShown.length - 1] !== shown) {"
                + "    window.phasesShown.push(shown);"
                + "  }"
                + "}).observe(document.querySelector('#cluster-table tbody'), {childList: true, subtree: true});", css);
    }

    private void type(String css, String value) {
        WebElement input = browser.findElement(By.cssSelector(css));
        input.clear();
        input.sendKeys(value);
    }

    private void click(String css) {
        browser.findElement(By.cssSelector(css)).click();
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

    private void awaitText(String css, String expected) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(text(css)).as(css).isEqualTo(expected));
    }

    /** Leaves what the user saw in target/console-screenshot.png, for a person to look at. */
    private void saveScreenshot() throws Exception {
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", "console-screenshot.png");
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }
}
