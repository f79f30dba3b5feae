package io.qdranthybrid.samples.platform;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.qdranthybrid.agent.CloudAgent;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.harness.cluster.SimulatedCluster;
import io.qdranthybrid.harness.kube.controllers.kubelet.KubeletSettings;
import io.qdranthybrid.samples.InProcessOperator;
import io.qdranthybrid.platform.bootstrap.BootstrapCommands;
import io.qdranthybrid.platform.environment.Environment;
import io.qdranthybrid.platform.environment.EnvironmentPhase;
import io.qdranthybrid.platform.environment.EnvironmentRegistry;
import io.qdranthybrid.protocol.client.AgentConnectionSettings;
import io.qdranthybrid.protocol.session.BackoffPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample platform as its users see it: an environment registered on the platform, an agent installed with the
 * platform's bootstrap credentials dialling in, a cluster asked for on the platform coming up Healthy in the
 * customer's cluster, and the platform's own store remembering the environment across a restart.
 */
class CustomPlatformTest {

    private static final Duration CONVERGE = Duration.ofSeconds(90);

    @TempDir
    Path dataDirectory;

    private SimulatedCluster cluster;
    private ApplicationContext platform;
    private KubernetesClient agentClient;
    private CloudAgent agent;
    private InProcessOperator operator;

    @BeforeEach
    void start() {
        cluster = SimulatedCluster.start(SimulatedCluster.Settings.defaults()
                .withKubelet(KubeletSettings.defaults().withProbeTimeScale(0.1)));
        platform = startPlatform();
    }

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
        if (operator != null) {
            operator.close();
        }
        if (agentClient != null) {
            agentClient.close();
        }
        platform.close();
        cluster.close();
    }

    @Test
    void onboardedEnvironmentRunsTheClusterThePlatformAskedFor() {
        String namespace = cluster.createNamespace("customer");
        Onboarding onboarding = platform.getBean(Onboarding.class);
        Environment environment = onboarding.register("customer-prod", namespace);
        BootstrapCommands bootstrap = onboarding.bootstrap(environment.id(),
                CustomPlatform.agentUrl(platform.getBean(EmbeddedServer.class)));
        assertThat(bootstrap.script()).contains("--namespace " + namespace).contains("helm upgrade --install");
        assertThat(onboarding.health(environment.id()).phase()).isEqualTo(EnvironmentPhase.UNKNOWN);

        operator = InProcessOperator.start(cluster, namespace);
        startAgent(namespace, bootstrap);
        onboarding.createCluster(environment.id(), "shop", 3, "v1.12.3");

        await().atMost(CONVERGE).untilAsserted(() ->
                assertThat(onboarding.clusterPhase(environment.id(), "shop")).hasValue("Healthy"));
        assertThat(onboarding.health(environment.id()).phase()).isNotEqualTo(EnvironmentPhase.UNKNOWN);
        QdrantCluster applied = cluster.client().resources(QdrantCluster.class).inNamespace(namespace)
                .withName("qdrant-shop").get();
        assertThat(applied.getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/managed-by", "qdrant-cloud-agent");
        assertThat(cluster.client().pods().inNamespace(namespace).withLabel("cluster-id", "shop").list().getItems())
                .hasSize(3);
    }

    @Test
    void environmentsSurviveARestartOfThePlatform() {
        Environment environment = platform.getBean(Onboarding.class).register("kept", "kept-ns");
        platform.close();

        platform = startPlatform();

        assertThat(platform.getBean(EnvironmentRegistry.class).find(environment.id()))
                .hasValueSatisfying(found -> {
                    assertThat(found.name()).isEqualTo("kept");
                    assertThat(found.namespace()).isEqualTo("kept-ns");
                });
    }

    private ApplicationContext startPlatform() {
        return ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", -1,
                "micronaut.server.host", "127.0.0.1",
                "platform.data-dir", dataDirectory.toString())).getApplicationContext();
    }

    /** What the bootstrap commands install: an agent holding the environment id and access key they carry. */
    private void startAgent(String namespace, BootstrapCommands bootstrap) {
        agentClient = cluster.newClient(namespace, "qdrant-cloud-agent");
        agent = CloudAgent.builder(agentClient, namespace, AgentConnectionSettings.builder(
                        CustomPlatform.agentUrl(platform.getBean(EmbeddedServer.class)), bootstrap.environmentId(),
                        bootstrap.accessKey(), "sample")
                .allowInsecure(true)
                .backoff(new BackoffPolicy(Duration.ofMillis(50), Duration.ofMillis(500), Duration.ofSeconds(30),
                        Duration.ofMillis(100), Duration.ofSeconds(1)))
                .build()).build();
        agent.start();
    }
}
