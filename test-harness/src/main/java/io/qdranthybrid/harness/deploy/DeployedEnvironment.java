package io.qdranthybrid.harness.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment variables the first container of a rendered Deployment starts with: its {@code envFrom}
 * ConfigMaps (kustomize's generated settings), then its literal {@code env} values, which win as in a pod.
 * Values from the downward API or Secrets have no literal value and are left out.
 */
public final class DeployedEnvironment {

  private DeployedEnvironment() {
  }

  public static Map<String, String> of(List<ObjectNode> rendered, String deployment) {
    JsonNode container = DeployManifests.find(rendered, "Deployment", deployment)
        .path("spec").path("template").path("spec").path("containers").path(0);
    Map<String, String> env = new LinkedHashMap<>();
    for (JsonNode source : container.path("envFrom")) {
      String configMap = source.path("configMapRef").path("name").asText("");
      if (!configMap.isEmpty()) {
        DeployManifests.find(rendered, "ConfigMap", configMap).path("data").fields()
            .forEachRemaining(entry -> env.put(entry.getKey(), entry.getValue().asText()));
      }
    }
    for (JsonNode variable : container.path("env")) {
      if (variable.has("value")) {
        env.put(variable.path("name").asText(), variable.path("value").asText());
      }
    }
    return env;
  }
}
