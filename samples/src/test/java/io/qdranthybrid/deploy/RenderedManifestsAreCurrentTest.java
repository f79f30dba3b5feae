package io.qdranthybrid.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/rendered/ (what the test harness installs for every test) is what {@code kubectl kustomize} renders from
 * deploy/kustomize now: run {@code deploy/render.sh} after changing a base. Compared as parsed objects, so another
 * kubectl's YAML formatting does not matter.
 */
@ExtendWith(KubectlRequired.class)
class RenderedManifestsAreCurrentTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @ParameterizedTest
  @ValueSource(strings = {"crds", "helm-crds", "install", "install-cluster-read"})
  void renderedFileIsWhatKustomizeRendersNow(String base) throws IOException {
    List<JsonNode> now = documents(Kustomize.renderYaml(DeployTree.deploy("kustomize/" + base)));
    List<JsonNode> checkedIn = documents(Files.readString(DeployTree.deploy("rendered/" + base + ".yaml")));

    assertThat(checkedIn).as("deploy/rendered/%s.yaml is stale: run deploy/render.sh", base).isEqualTo(now);
  }

  private static List<JsonNode> documents(String yaml) throws IOException {
    return YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml).readAll();
  }
}
