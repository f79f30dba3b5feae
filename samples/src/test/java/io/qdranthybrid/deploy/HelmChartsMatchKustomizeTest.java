package io.qdranthybrid.deploy;

import com.fasterxml.jackson.core.type.TypeReference;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The charts' source held to the Kustomize bases: Chart.yaml and values.yaml parse, the security settings and ports
 * in values.yaml are the rendered Kustomize ones, and every {@code .Values.x} a template reads is defined in
 * values.yaml (helm would render a misspelt one as empty). {@link HelmChartsOnSimulatedClusterTest} renders them.
 */
class HelmChartsMatchKustomizeTest {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final Pattern VALUES_REFERENCE = Pattern.compile("\\.Values((?:\\.[A-Za-z0-9_]+)+)");

    @ParameterizedTest
    @ValueSource(strings = {"qdrant-hybrid-crds", "qdrant-hybrid-operator", "qdrant-hybrid-agent"})
    void chartAndValuesParse(String chart) {
        Map<String, Object> chartYaml = yaml(DeployTree.deploy("helm/" + chart + "/Chart.yaml"));
        Map<String, Object> values = yaml(DeployTree.deploy("helm/" + chart + "/values.yaml"));

        assertThat(chartYaml).containsEntry("apiVersion", "v2").containsEntry("name", chart)
                .containsKeys("version", "appVersion");
        assertThat(values).isNotNull();
    }

    @ParameterizedTest
    @CsvSource({"qdrant-hybrid-operator, qdrant-hybrid-operator, kustomize/operator",
        "qdrant-hybrid-agent, qdrant-cloud-agent, kustomize/agent"})
    void valuesCarryTheRenderedSecuritySettingsPortAndResources(String chart, String deployment, String base) {
        Map<String, Object> values = yaml(DeployTree.deploy("helm/" + chart + "/values.yaml"));
        PodSpec pod = Manifests.named(Kustomize.render(base), Deployment.class, deployment).getSpec().getTemplate()
                .getSpec();

        assertThat(as(values.get("podSecurityContext"), PodSecurityContext.class)).isEqualTo(pod.getSecurityContext());
        assertThat(as(values.get("securityContext"), SecurityContext.class))
                .isEqualTo(pod.getContainers().get(0).getSecurityContext());
        assertThat(as(values.get("resources"), ResourceRequirements.class))
                .isEqualTo(pod.getContainers().get(0).getResources());
        assertThat(values.get("port")).isEqualTo(pod.getContainers().get(0).getPorts().get(0).getContainerPort());
        assertThat(pod.getContainers().get(0).getImage())
                .endsWith("/" + ((Map<?, ?>) values.get("image")).get("repository") + ":"
                        + yaml(DeployTree.deploy("helm/" + chart + "/Chart.yaml")).get("appVersion"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"qdrant-hybrid-operator", "qdrant-hybrid-agent"})
    void everyValueATemplateReadsIsDefinedInValuesYaml(String chart) throws IOException {
        Map<String, Object> values = yaml(DeployTree.deploy("helm/" + chart + "/values.yaml"));
        Set<String> missing = new LinkedHashSet<>();
        try (Stream<Path> templates = Files.list(DeployTree.deploy("helm/" + chart + "/templates"))) {
            for (Path template : templates.toList()) {
                Matcher m = VALUES_REFERENCE.matcher(Files.readString(template));
                while (m.find()) {
                    if (!defined(values, m.group(1).substring(1).split("\\."))) {
                        missing.add(template.getFileName() + ": .Values" + m.group(1));
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"qdrant-hybrid-operator", "qdrant-hybrid-agent"})
    void clusterScopedRbacIsOffByDefaultAndGuardedByTheFlag(String chart) throws IOException {
        Map<?, ?> clusterRead = (Map<?, ?>) yaml(DeployTree.deploy("helm/" + chart + "/values.yaml")).get("clusterRead");
        assertThat(clusterRead.get("enabled")).isEqualTo(false);
        int guarded = 0;
        try (Stream<Path> templates = Files.list(DeployTree.deploy("helm/" + chart + "/templates"))) {
            for (Path template : templates.toList()) {
                String text = Files.readString(template);
                if (text.contains("kind: ClusterRole")) {
                    guarded++;
                    assertThat(text).as(template.getFileName().toString())
                            .startsWith("{{- if .Values.clusterRead.enabled }}").endsWith("{{- end }}\n");
                }
            }
        }
        assertThat(guarded).as("ClusterRole and ClusterRoleBinding templates").isEqualTo(2);
    }

    private static boolean defined(Map<String, Object> values, String[] path) {
        Object node = values;
        for (String key : path) {
            if (!(node instanceof Map<?, ?> map) || !map.containsKey(key)) {
                return false;
            }
            node = map.get(key);
        }
        return true;
    }

    private static <T> T as(Object value, Class<T> type) {
        return SERIALIZATION.convertValue(value, type);
    }

    private static Map<String, Object> yaml(Path file) {
        try {
            return parseYaml(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> parseYaml(String yaml) {
        return SERIALIZATION.unmarshal(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)),
                new TypeReference<Map<String, Object>>() {
                });
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
