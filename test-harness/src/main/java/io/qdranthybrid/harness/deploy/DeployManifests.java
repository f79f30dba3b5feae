package io.qdranthybrid.harness.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The objects of {@code deploy/rendered/<base>.yaml}: what {@code kubectl kustomize deploy/kustomize/<base>} renders
 * (copied into this jar by the build, held current by a test in samples). Parsed once per JVM; callers get copies.
 */
public enum DeployManifests {
  /** The qdrant.io/v1 CRDs ({@code kustomize/crds}). */
  CRDS("crds"),
  /** The cd.qdrant.io HelmRelease and HelmRepository CRDs ({@code kustomize/helm-crds}). */
  HELM_CRDS("helm-crds"),
  /** Namespace, operator and agent ({@code kustomize/install}), in namespace {@link #RENDERED_NAMESPACE}. */
  INSTALL("install"),
  /** {@link #INSTALL} plus both optional cluster-read components ({@code kustomize/install-cluster-read}). */
  INSTALL_CLUSTER_READ("install-cluster-read");

  /** The namespace the install bases render into ({@code namespace:} of {@code kustomize/install}). */
  public static final String RENDERED_NAMESPACE = "qdrant-hybrid";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Map<DeployManifests, List<ObjectNode>> PARSED = new ConcurrentHashMap<>();

  private final String base;

  DeployManifests(String base) {
    this.base = base;
  }

  /** Fresh copies of the rendered objects, in kustomize's output order. */
  public List<ObjectNode> objects() {
    return PARSED.computeIfAbsent(this, DeployManifests::parse).stream().map(ObjectNode::deepCopy).toList();
  }

  /** The rendered objects as Kustomize's {@code namespace: <namespace>} would have placed them. */
  public List<ObjectNode> placedIn(String namespace) {
    return objects().stream().map(object -> NamespacePlacement.place(object, RENDERED_NAMESPACE, namespace)).toList();
  }

  /** The one rendered object of this kind and name. */
  public static ObjectNode find(List<ObjectNode> objects, String kind, String name) {
    return objects.stream()
        .filter(o -> o.path("kind").asText().equals(kind) && o.path("metadata").path("name").asText().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("deploy/ renders no " + kind + " " + name));
  }

  private List<ObjectNode> parse() {
    String resource = "rendered/" + base + ".yaml";
    try (InputStream in = DeployManifests.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("deploy/" + resource + " is not in the test-harness jar; rebuild it");
      }
      List<ObjectNode> objects = new ArrayList<>();
      try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(in)) {
        while (documents.hasNext()) {
          JsonNode document = documents.next();
          if (document instanceof ObjectNode object && object.has("kind")) {
            objects.add(object);
          }
        }
      }
      return List.copyOf(objects);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
