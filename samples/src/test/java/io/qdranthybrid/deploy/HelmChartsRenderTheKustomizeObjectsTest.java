package io.qdranthybrid.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each chart, rendered by Helm ({@link HelmTemplate}) with the values that match the Kustomize base, produces the
 * same objects as that base rendered by {@code kubectl kustomize}, field for field, once normalised. What may
 * differ, and is removed before comparing:
 * <ul>
 *   <li>labels (the chart adds {@code app.kubernetes.io/instance}, {@code version} and {@code helm.sh/chart});</li>
 *   <li>the pod annotation {@code checksum/settings} (the chart's way to roll pods when settings change; Kustomize
 *       does it with the ConfigMap's hash suffix);</li>
 *   <li>that hash suffix on generated ConfigMap names and the references to them.</li>
 * </ul>
 * With {@code clusterRead.enabled} the chart also renders the cluster-read ClusterRole and binding with the
 * release namespace in their names; that is checked by {@code HelmChartsOnSimulatedClusterTest}, not here.
 */
@ExtendWith(KubectlRequired.class)
class HelmChartsRenderTheKustomizeObjectsTest {

  private static final String NAMESPACE = "qdrant-hybrid";
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Kustomize's generator suffix: a dash and 10 characters of its hash alphabet. */
  private static final Pattern HASH_SUFFIX = Pattern.compile("-[bcdfghkmt2-9]{10}$");

  @ParameterizedTest
  @CsvSource({"qdrant-hybrid-operator, kustomize/operator", "qdrant-hybrid-agent, kustomize/agent"})
  void chartRendersTheSameObjectsAsTheKustomizeBase(String chart, String base) {
    Map<String, JsonNode> kustomize = normalised(Kustomize.render(base));
    // The agent chart requires these two; the base carries them as placeholders in its settings ConfigMap.
    Map<String, Object> values = chart.equals("qdrant-hybrid-agent")
        ? Map.of("controlPlaneUrl", "wss://control-plane.example.com/agent/v1",
            "environmentId", "00000000-0000-0000-0000-000000000000")
        : Map.of();
    Map<String, JsonNode> helm = normalised(HelmTemplate.render(chart, chart, NAMESPACE, values));

    assertThat(kustomize).as("objects the base renders").hasSizeGreaterThan(5);
    assertThat(helm.keySet()).as("objects the chart renders").isEqualTo(kustomize.keySet());
    kustomize.forEach((key, object) -> assertThat(helm.get(key)).as(key).isEqualTo(object));
  }

  private static Map<String, JsonNode> normalised(Iterable<HasMetadata> objects) {
    Map<String, JsonNode> byKey = new TreeMap<>();
    for (HasMetadata object : objects) {
      ObjectNode node = JSON.valueToTree(SERIALIZATION.convertValue(object, Map.class));
      ObjectNode metadata = (ObjectNode) node.path("metadata");
      metadata.remove("labels");
      if (object.getKind().equals("ConfigMap")) {
        metadata.put("name", HASH_SUFFIX.matcher(metadata.path("name").asText()).replaceAll(""));
      }
      JsonNode template = node.path("spec").path("template");
      if (template.isObject()) {
        ObjectNode templateMetadata = (ObjectNode) template.path("metadata");
        templateMetadata.remove("labels");
        if (templateMetadata.path("annotations") instanceof ObjectNode annotations) {
          annotations.remove("checksum/settings");
        }
        for (JsonNode container : template.path("spec").path("containers")) {
          for (JsonNode source : container.path("envFrom")) {
            if (source.path("configMapRef") instanceof ObjectNode ref) {
              ref.put("name", HASH_SUFFIX.matcher(ref.path("name").asText()).replaceAll(""));
            }
          }
        }
      }
      byKey.put(object.getKind() + "/" + object.getMetadata().getName().replaceAll("-[bcdfghkmt2-9]{10}$", ""),
          node);
    }
    return byKey;
  }
}
