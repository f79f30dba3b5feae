package io.qdranthybrid.harness.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;

import java.util.Map;

/** A tiny custom resource of our own, shaped like QdrantCluster (status and scale subresources). */
final class TestCrds {

  static final String API_VERSION = "example.com/v1";

  private TestCrds() {
  }

  static CustomResourceDefinition widgets() {
    CustomResourceDefinition base = CustomResourceDefinitions.definition("example.com", "v1", "Widget", "widgets",
        true, true, "wd");
    return new CustomResourceDefinitionBuilder(base).editSpec().editFirstVersion().editSubresources()
        .withNewScale().withSpecReplicasPath(".spec.size").withStatusReplicasPath(".status.currentNodes")
        .withLabelSelectorPath(".status.selector").endScale()
        .endSubresources().endVersion().endSpec().build();
  }

  static GenericKubernetesResource widget(String namespace, String name, int size) {
    return new GenericKubernetesResourceBuilder().withApiVersion(API_VERSION).withKind("Widget")
        .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
        .withAdditionalProperties(Map.of("spec", Map.of("size", size))).build();
  }
}
