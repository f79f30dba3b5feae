package io.qdranthybrid.operator.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.qdranthybrid.harness.apps.ManagementSurface;
import io.qdranthybrid.harness.cluster.SimulatedCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the operator's port shows: health and Prometheus, nothing else; and what its logs never show. */
class OperatorManagementSurfaceTest {

    private static SimulatedCluster cluster;
    private static Path kubeconfig;

    @BeforeAll
    static void start() throws IOException {
        cluster = SimulatedCluster.start();
        kubeconfig = Files.createTempFile("kubeconfig", ".yaml");
        Files.writeString(kubeconfig, cluster.kubeconfig());
    }

    @AfterAll
    static void stop() throws IOException {
        cluster.close();
        Files.deleteIfExists(kubeconfig);
    }

    @Test
    void onlyHealthAndPrometheusAreServed() throws Exception {
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, settings(cluster.createNamespace("surface")))) {
            assertThat(ManagementSurface.unexpectedAnswers(server.getURI())).isEmpty();
        }
    }

    @Test
    void secretBodiesNeverReachTheLogsEvenWithTheKubernetesClientAtTrace() {
        String namespace = cluster.createNamespace("surface-logs");
        String secretValue = ManagementSurface.createSecretToKeepOutOfLogs(cluster.client(), namespace);
        Logger fabric8 = (Logger) LoggerFactory.getLogger("io.fabric8");
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level before = fabric8.getLevel();
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        // What a user debugging the Kubernetes client would do.
        fabric8.setLevel(Level.TRACE);
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, settings(namespace))) {
            KubernetesClient client = server.getApplicationContext().getBean(KubernetesClient.class);
            assertThat(client.secrets().inNamespace(namespace).withName("db-password").get()).isNotNull();
            client.configMaps().inNamespace(namespace).list();
        } finally {
            fabric8.setLevel(before);
            root.detachAppender(captured);
        }
        List<String> lines = captured.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).isNotEmpty();
        assertThat(ManagementSurface.leakingLines(lines, secretValue)).isEmpty();
    }

    private static Map<String, Object> settings(String namespace) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("micronaut.server.port", -1);
        settings.put("qdrant.operator.kubeconfig", kubeconfig.toString());
        settings.put("qdrant.operator.namespace", namespace);
        settings.put("qdrant.operator.lease-name", "surface-" + namespace);
        return settings;
    }
}
