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
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.WeakHashMap;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The CustomResourceDefinitions a simulated cluster starts with: those generated into
 * {@code META-INF/fabric8/*-v1.yml} by the fabric8 CRD generator on the classpath (the qdrant.io ones
 * from hybrid-sdk), plus the third-party ones the harness needs (CSI volume snapshots, Flux-style Helm).
 */
public final class CustomResourceDefinitions {

  static final String CLASSPATH_DIRECTORY = "META-INF/fabric8/";

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private CustomResourceDefinitions() {
  }

  /** Parsed once per class loader: the generated qdrant.io schemas are large and every test starts a server. */
  private static final Map<ClassLoader, List<CustomResourceDefinition>> CLASSPATH_CACHE =
      Collections.synchronizedMap(new WeakHashMap<>());

  /**
   * Every {@code META-INF/fabric8/*-v1.yml} CRD visible to the class loader, in resource-name order. The
   * returned definitions are shared between callers: copy one before changing it.
   */
  public static List<CustomResourceDefinition> fromClasspath(ClassLoader loader) {
    return CLASSPATH_CACHE.computeIfAbsent(loader, CustomResourceDefinitions::load);
  }

  private static List<CustomResourceDefinition> load(ClassLoader loader) {
    TreeSet<String> resources = new TreeSet<>();
    try {
      Enumeration<URL> roots = loader.getResources(CLASSPATH_DIRECTORY);
      while (roots.hasMoreElements()) {
        resources.addAll(listDefinitions(roots.nextElement()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + CLASSPATH_DIRECTORY + " on the classpath", e);
    }
    List<CustomResourceDefinition> crds = new ArrayList<>();
    for (String resource : resources) {
      try (InputStream in = loader.getResourceAsStream(resource)) {
        if (in != null) {
          crds.add(SERIALIZATION.unmarshal(in, CustomResourceDefinition.class));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read CustomResourceDefinition " + resource, e);
      }
    }
    return List.copyOf(crds);
  }

  private static List<String> listDefinitions(URL root) throws IOException {
    List<String> names = new ArrayList<>();
    if (root.getProtocol().equals("jar")) {
      JarURLConnection connection = (JarURLConnection) root.openConnection();
      connection.setUseCaches(false);
      try (JarFile jar = connection.getJarFile()) {
        jar.stream().map(e -> e.getName())
            .filter(n -> n.startsWith(CLASSPATH_DIRECTORY) && n.endsWith("-v1.yml")
                && n.indexOf('/', CLASSPATH_DIRECTORY.length()) < 0)
            .forEach(names::add);
      }
    } else if (root.getProtocol().equals("file")) {
      try (Stream<Path> files = Files.list(Path.of(root.toURI()))) {
        files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith("-v1.yml"))
            .forEach(n -> names.add(CLASSPATH_DIRECTORY + n));
      } catch (URISyntaxException e) {
        throw new IOException("unexpected classpath URL " + root, e);
      }
    }
    return names;
  }

  /** Snapshot and Helm definitions the harness's simulated controllers and the operator rely on. */
  public static List<CustomResourceDefinition> harnessDefinitions() {
    return List.of(
        definition("snapshot.storage.k8s.io", "v1", "VolumeSnapshot", "volumesnapshots", true, true, "vs"),
        definition("snapshot.storage.k8s.io", "v1", "VolumeSnapshotContent", "volumesnapshotcontents", false, true,
            "vsc"),
        // Like the real one: driver and deletionPolicy at the top level, no status.
        definition("snapshot.storage.k8s.io", "v1", "VolumeSnapshotClass", "volumesnapshotclasses", false, false,
            "vsclass"),
        definition("cd.qdrant.io", "v2", "HelmRelease", "helmreleases", true, true, "hr"),
        definition("cd.qdrant.io", "v1", "HelmRepository", "helmrepositories", true, true, "helmrepo"));
  }

  /** A CRD accepting any content; scope is namespaced or cluster, status a subresource or not. */
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
        .withSingular(kind.toLowerCase(java.util.Locale.ROOT)).withShortNames(shortName).endNames()
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
