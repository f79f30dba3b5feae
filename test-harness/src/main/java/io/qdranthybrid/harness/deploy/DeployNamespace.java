package io.qdranthybrid.harness.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The install Namespace of {@code deploy/kustomize/namespace} (its Pod Security Admission labels and the annotation
 * that says why that level) applied to a namespace that may already exist, as {@code kubectl apply} would merge it.
 */
public final class DeployNamespace {

  private static final ObjectMapper JSON = new ObjectMapper();

  private DeployNamespace() {
  }

  /** The rendered Namespace, renamed to {@code namespace}. */
  public static Namespace rendered(String namespace) {
    ObjectNode object = DeployManifests.find(DeployManifests.INSTALL.placedIn(namespace), "Namespace", namespace);
    return JSON.convertValue(object, Namespace.class);
  }

  /** Creates the namespace or adds the rendered labels and annotations to it. */
  public static void apply(KubernetesClient admin, String namespace) {
    Namespace rendered = rendered(namespace);
    Namespace live = admin.namespaces().withName(namespace).get();
    if (live == null) {
      admin.namespaces().resource(rendered).create();
      return;
    }
    admin.namespaces().withName(namespace).edit(ns -> new NamespaceBuilder(ns).editMetadata()
        .withLabels(merged(ns.getMetadata().getLabels(), rendered.getMetadata().getLabels()))
        .withAnnotations(merged(ns.getMetadata().getAnnotations(), rendered.getMetadata().getAnnotations()))
        .endMetadata().build());
  }

  private static Map<String, String> merged(Map<String, String> live, Map<String, String> rendered) {
    Map<String, String> merged = new LinkedHashMap<>(live == null ? Map.of() : live);
    merged.putAll(rendered == null ? Map.of() : rendered);
    return merged;
  }
}
