package io.qdranthybrid.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both Deployments of the production example run as a non-root user on a read-only root filesystem with no
 * capabilities, are probed on the apps' health endpoints, and get their settings the way the apps read them;
 * the agent's access key comes from its Secret and never from plain configuration.
 */
@ExtendWith(KubectlRequired.class)
class DeploymentsAreHardenedTest {

    private static List<HasMetadata> rendered;

    @BeforeAll
    static void render() {
        if (!Kustomize.kubectlAvailable()) {
            return; // each test skips visibly through KubectlRequired
        }
        rendered = Kustomize.render("kustomize/examples/production");
    }

    private static PodSpec pod(String deployment) {
        return Manifests.named(rendered, Deployment.class, deployment).getSpec().getTemplate().getSpec();
    }

    private static Container container(String deployment) {
        return pod(deployment).getContainers().get(0);
    }

    private static Optional<EnvVar> env(Container container, String name) {
        return container.getEnv().stream().filter(e -> name.equals(e.getName())).findFirst();
    }

    @ParameterizedTest
    @CsvSource({"qdrant-hybrid-operator", "qdrant-cloud-agent"})
    void runsNonRootOnAReadOnlyRootFilesystemWithoutCapabilities(String deployment) {
        PodSpec pod = pod(deployment);
        Container container = container(deployment);

        assertThat(pod.getContainers()).hasSize(1);
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(10001L);
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getSecurityContext().getPrivileged()).isNotEqualTo(Boolean.TRUE);
        assertThat(container.getSecurityContext().getRunAsUser()).isNotEqualTo(0L);
        assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(container.getSecurityContext().getCapabilities().getAdd()).isNullOrEmpty();
        assertThat(pod.getHostNetwork()).isNotEqualTo(Boolean.TRUE);
    }

    @ParameterizedTest
    @CsvSource({"qdrant-hybrid-operator", "qdrant-cloud-agent"})
    void hasAWritableTmpOnAnEmptyDir(String deployment) {
        VolumeMount tmp = container(deployment).getVolumeMounts().stream()
                .filter(m -> "/tmp".equals(m.getMountPath())).findFirst().orElseThrow();
        Volume volume = pod(deployment).getVolumes().stream().filter(v -> v.getName().equals(tmp.getName()))
                .findFirst().orElseThrow();

        assertThat(volume.getEmptyDir()).isNotNull();
        assertThat(tmp.getReadOnly()).isNotEqualTo(Boolean.TRUE);
    }

    @ParameterizedTest
    @CsvSource({"qdrant-hybrid-operator, 8285", "qdrant-cloud-agent, 8286"})
    void isProbedOnTheHealthEndpointsOfItsHttpPort(String deployment, int port) {
        Container container = container(deployment);

        assertThat(container.getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getContainerPort()).isEqualTo(port);
            assertThat(p.getName()).isEqualTo("http");
        });
        assertProbe(container.getLivenessProbe(), "/health/liveness");
        assertProbe(container.getReadinessProbe(), "/health/readiness");
        assertProbe(container.getStartupProbe(), "/health/liveness");
        assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(container.getResources().getLimits()).containsKey("memory");
        Map<String, String> annotations = Manifests.named(rendered, Deployment.class, deployment).getSpec()
                .getTemplate().getMetadata().getAnnotations();
        assertThat(annotations).containsEntry("prometheus.io/path", "/prometheus")
                .containsEntry("prometheus.io/port", String.valueOf(port));
        Service service = Manifests.named(rendered, Service.class, deployment);
        assertThat(service.getSpec().getPorts()).singleElement()
                .satisfies(p -> assertThat(p.getTargetPort().getStrVal()).isEqualTo("http"));
        assertThat(service.getSpec().getSelector()).isEqualTo(Manifests.named(rendered, Deployment.class,
                deployment).getSpec().getSelector().getMatchLabels());
    }

    private static void assertProbe(Probe probe, String path) {
        assertThat(probe).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
    }

    @ParameterizedTest
    @CsvSource({"qdrant-hybrid-operator, QDRANT_OPERATOR_", "qdrant-cloud-agent, QDRANT_AGENT_"})
    void knowsItsPodFromTheDownwardApiAndReadsItsSettingsAndLogLevel(String deployment, String prefix) {
        Container container = container(deployment);

        assertThat(env(container, "POD_NAMESPACE").orElseThrow().getValueFrom().getFieldRef().getFieldPath())
                .isEqualTo("metadata.namespace");
        assertThat(env(container, "POD_NAME").orElseThrow().getValueFrom().getFieldRef().getFieldPath())
                .isEqualTo("metadata.name");
        String settingsName = container.getEnvFrom().get(0).getConfigMapRef().getName();
        ConfigMap settings = Manifests.named(rendered, ConfigMap.class, settingsName);
        assertThat(settings.getData()).containsKey("LOG_LEVEL");
        assertThat(settings.getData().keySet()).filteredOn(k -> !k.equals("LOG_LEVEL"))
                .allMatch(k -> k.startsWith(prefix));
    }

    @Test
    void agentReadsItsAccessKeyFromTheSecretAndIsConfiguredForTheProxyAndCa() {
        Container agent = container("qdrant-cloud-agent");
        String keyFile = env(agent, "QDRANT_AGENT_ACCESS_KEY_FILE").orElseThrow().getValue();
        VolumeMount keyMount = agent.getVolumeMounts().stream()
                .filter(m -> keyFile.startsWith(m.getMountPath() + "/")).findFirst().orElseThrow();
        Volume keyVolume = pod("qdrant-cloud-agent").getVolumes().stream()
                .filter(v -> v.getName().equals(keyMount.getName())).findFirst().orElseThrow();

        assertThat(keyMount.getReadOnly()).isTrue();
        assertThat(keyVolume.getSecret().getSecretName()).isEqualTo("qdrant-cloud-creds");
        assertThat(keyVolume.getSecret().getItems()).singleElement().satisfies(item -> {
            assertThat(item.getKey()).isEqualTo("access-key");
            assertThat(keyMount.getMountPath() + "/" + item.getPath()).isEqualTo(keyFile);
        });
        assertThat(env(agent, "QDRANT_AGENT_ACCESS_KEY")).as("no access key in plain env").isEmpty();
        assertThat(rendered).as("the access key Secret is created by the user, never rendered")
                .noneMatch(o -> "Secret".equals(o.getKind()));

        int mode = keyVolume.getSecret().getDefaultMode();
        assertThat(mode & 0040).as("readable by the pod's fsGroup, as the key file belongs to root").isNotZero();
        assertThat(mode & 0007).as("not world-readable").isZero();

        ConfigMap settings = Manifests.named(rendered, ConfigMap.class,
                agent.getEnvFrom().get(0).getConfigMapRef().getName());
        assertThat(settings.getData()).containsKeys("QDRANT_AGENT_CONTROL_PLANE_URL", "QDRANT_AGENT_ENVIRONMENT_ID");
        assertThat(settings.getData().get("QDRANT_AGENT_CONTROL_PLANE_URL")).startsWith("wss://");
        assertThat(env(agent, "HTTPS_PROXY").orElseThrow().getValue()).startsWith("http://");
        assertThat(env(agent, "QDRANT_AGENT_PROXY_URL").orElseThrow().getValue())
                .isEqualTo(env(agent, "HTTPS_PROXY").orElseThrow().getValue());
        for (String noProxy : List.of("NO_PROXY", "QDRANT_AGENT_NO_PROXY")) {
            // The Kubernetes client honours HTTPS_PROXY: without this the agent would reach its API server via the proxy.
            assertThat(env(agent, noProxy).orElseThrow().getValue().split(","))
                    .as(noProxy).contains("$(KUBERNETES_SERVICE_HOST)", "kubernetes.default.svc");
        }
        String caFile = env(agent, "QDRANT_AGENT_CA_BUNDLE_FILE").orElseThrow().getValue();
        VolumeMount caMount = agent.getVolumeMounts().stream()
                .filter(m -> caFile.startsWith(m.getMountPath() + "/")).findFirst().orElseThrow();
        Volume caVolume = pod("qdrant-cloud-agent").getVolumes().stream()
                .filter(v -> v.getName().equals(caMount.getName())).findFirst().orElseThrow();
        ConfigMap ca = Manifests.named(rendered, ConfigMap.class, caVolume.getConfigMap().getName());
        assertThat(ca.getData()).containsKey(caFile.substring(caMount.getMountPath().length() + 1));
    }

    @Test
    void operatorAndAgentRunOnThePlatformPoolPullingFromTheMirror() {
        for (String deployment : List.of("qdrant-hybrid-operator", "qdrant-cloud-agent")) {
            PodSpec pod = pod(deployment);
            assertThat(pod.getNodeSelector()).containsEntry("node-pool", "platform");
            assertThat(pod.getTolerations()).anyMatch(t -> "dedicated".equals(t.getKey()));
            assertThat(pod.getServiceAccountName()).isEqualTo(deployment);
            assertThat(Manifests.named(rendered, io.fabric8.kubernetes.api.model.ServiceAccount.class, deployment)
                    .getImagePullSecrets()).extracting(r -> r.getName()).containsExactly("registry-mirror-credentials");
        }
    }
}
