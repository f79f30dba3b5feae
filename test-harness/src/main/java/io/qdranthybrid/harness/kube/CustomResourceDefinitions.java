package io.qdranthybrid.harness.kube;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceSubresourcesBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CustomResourceDefinitions read from YAML files on the classpath, as a user applies them with
 * {@code kubectl apply -f}. A simulated API server serves none of them until they are created through its API.
 */
public final class CustomResourceDefinitions {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  /** Parsed once per resource: the generated qdrant.io schemas are large and every test starts a cluster. */
  private static final Map<String, CustomResourceDefinition> PARSED = new ConcurrentHashMap<>();

  private CustomResourceDefinitions() {
  }

  /**
   * The CRD in the YAML classpath resource {@code path} (absolute, without a leading slash); a fresh copy the caller
   * may change.
   */
  public static CustomResourceDefinition fromResource(String path) {
    return new CustomResourceDefinitionBuilder(PARSED.computeIfAbsent(path, CustomResourceDefinitions::parse)).build();
  }

  private static CustomResourceDefinition parse(String path) {
    try (InputStream in = CustomResourceDefinitions.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("CustomResourceDefinition " + path + " is not on the classpath");
      }
      return SERIALIZATION.unmarshal(in, CustomResourceDefinition.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read CustomResourceDefinition " + path, e);
    }
  }

  /**
   * A CRD of your own for tests of the API server's machinery (scopes, subresources), whose schema accepts any
   * content: scope namespaced or cluster, status a subresource or not. Real kinds come from their real files.
   */
  public static CustomResourceDefinition definition(String group, String version, String kind, String plural,
                                                    boolean namespaced, boolean statusSubresource,
                                                    String shortName) {
    var anything = new JSONSchemaPropsBuilder().withType("object").withXKubernetesPreserveUnknownFields(true).build();
    return new CustomResourceDefinitionBuilder()
        .withNewMetadata().withName(plural + "." + group).endMetadata()
        .withNewSpec()
        .withGroup(group)
        .withScope(namespaced ? "Namespaced" : "Cluster")
        .withNewNames().withKind(kind).withListKind(kind + "List").withPlural(plural)
        .withSingular(kind.toLowerCase(Locale.ROOT)).withShortNames(shortName).endNames()
        .withVersions(new CustomResourceDefinitionVersionBuilder().withName(version).withServed(true)
            .withStorage(true).withNewSchema().withOpenAPIV3Schema(new JSONSchemaPropsBuilder().withType("object")
                .withXKubernetesPreserveUnknownFields(true)
                .addToProperties("spec", anything).addToProperties("status", anything).build()).endSchema()
            .withSubresources(statusSubresource
                ? new CustomResourceSubresourcesBuilder().withNewStatus().endStatus().build() : null)
            .build())
        .endSpec()
        .build();
  }
}
