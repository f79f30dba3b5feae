package io.qdranthybrid.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.qdranthybrid.platform.bootstrap.BootstrapCommandGenerator;
import io.qdranthybrid.platform.bootstrap.BootstrapSettings;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The platform SDK's bootstrap commands install our agent chart: every value they set is one the chart declares (helm
 * would silently ignore a misspelt one), and the Secret they create is the one the chart mounts.
 */
class BootstrapMatchesAgentChartTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** Maps the chart declares empty on purpose: any key goes. */
    private static final Set<String> FREE_FORM = Set.of("podAnnotations", "podLabels");

    @Test
    void everyValueTheBootstrapSetsIsDeclaredByTheAgentChart() throws IOException {
        JsonNode declared = YAML.readTree(DeployTree.deploy("helm/qdrant-hybrid-agent/values.yaml").toFile());

        JsonNode set = FullyConfiguredBootstrap.generate().chartValues();

        List<String> undeclared = new ArrayList<>();
        collectUndeclared(set, declared, "", undeclared);
        assertThat(undeclared).as("values the bootstrap sets but the chart does not declare").isEmpty();
        assertThat(set.fieldNames()).toIterable().contains("controlPlaneUrl", "environmentId", "image", "proxy",
                "caBundle", "podAnnotations", "podLabels");
    }

    @Test
    void theAccessKeySecretIsTheOneTheChartMounts() throws IOException {
        String deployment = Files.readString(DeployTree.deploy("helm/qdrant-hybrid-agent/templates/deployment.yaml"));

        assertThat(FullyConfiguredBootstrap.generate().secretFiles().get(BootstrapCommandGenerator.SECRETS_FILE))
                .contains("\"name\":\"" + BootstrapSettings.ACCESS_KEY_SECRET + "\"")
                .contains("\"stringData\":{\"" + BootstrapSettings.ACCESS_KEY_SECRET_KEY + "\":");
        assertThat(deployment).contains("secretName: " + BootstrapSettings.ACCESS_KEY_SECRET)
                .contains("- key: " + BootstrapSettings.ACCESS_KEY_SECRET_KEY);
    }

    private static void collectUndeclared(JsonNode set, JsonNode declared, String path, List<String> undeclared) {
        set.fields().forEachRemaining(field -> {
            String fieldPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
            if (!declared.has(field.getKey())) {
                undeclared.add(fieldPath);
            } else if (field.getValue().isObject() && !FREE_FORM.contains(fieldPath)) {
                collectUndeclared(field.getValue(), declared.get(field.getKey()), fieldPath, undeclared);
            }
        });
    }
}
