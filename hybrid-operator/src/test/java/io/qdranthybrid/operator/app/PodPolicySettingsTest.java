package io.qdranthybrid.operator.app;

import io.micronaut.context.ApplicationContext;
import io.qdranthybrid.harness.cluster.SimulatedCluster;
import io.qdranthybrid.operator.policy.PodPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** qdrant.operator.policy.* reaches the pod policy; what is unset keeps the safe default. */
class PodPolicySettingsTest {

    private static SimulatedCluster cluster;
    private static Path kubeconfig;

    /** The app checks its API server before it starts (ApiServerPreflight): give it one. */
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

    private static Map<String, Object> withCluster(Map<String, Object> settings) {
        Map<String, Object> all = new HashMap<>(settings);
        all.put("qdrant.operator.kubeconfig", kubeconfig.toString());
        all.put("qdrant.operator.namespace", "policy-settings");
        return all;
    }

    @Test
    void unsetSettingsKeepTheSafeDefaults() {
        try (ApplicationContext context = ApplicationContext.builder().properties(withCluster(Map.of())).start()) {
            assertThat(context.getBean(PodPolicySettings.class).toPolicy()).isEqualTo(PodPolicy.DEFAULT);
        }
    }

    @Test
    void eachSettingReachesThePolicy() {
        Map<String, Object> settings = Map.of(
                "qdrant.operator.policy.allowed-image-repositories", "registry.corp.example/qdrant/",
                "qdrant.operator.policy.allow-root-user", true,
                "qdrant.operator.policy.allowed-volume-types", "emptyDir,hostPath",
                "qdrant.operator.policy.secret-name-pattern", "corp-.*",
                "qdrant.operator.policy.protected-secrets", "corp-agent-key",
                "qdrant.operator.policy.service-annotations", "corp.example/",
                "qdrant.operator.policy.ingress-annotations", "nginx.ingress.kubernetes.io/proxy-body-size");
        try (ApplicationContext context = ApplicationContext.builder().properties(withCluster(settings)).start()) {
            PodPolicy policy = context.getBean(PodPolicySettings.class).toPolicy();
            assertThat(policy.allowedImageRepositories()).containsExactly("registry.corp.example/qdrant/");
            assertThat(policy.allowRootUser()).isTrue();
            assertThat(policy.allowedVolumeTypes()).containsExactlyInAnyOrder("emptyDir", "hostPath");
            assertThat(policy.secretNamePattern().pattern()).isEqualTo("corp-.*");
            assertThat(policy.protectedSecrets()).containsExactly("corp-agent-key");
            assertThat(policy.serviceAnnotations()).containsExactly("corp.example/");
            assertThat(policy.ingressAnnotations()).containsExactly("nginx.ingress.kubernetes.io/proxy-body-size");
        }
    }

    @Test
    void aPatternThatIsNoRegularExpressionIsRefusedAtStart() {
        assertThatThrownBy(() -> ApplicationContext.builder()
                .properties(withCluster(Map.of("qdrant.operator.policy.secret-name-pattern", "qdrant-["))).start().close())
                .hasStackTraceContaining("qdrant.operator.policy.secret-name-pattern is not a regular expression");
    }
}
