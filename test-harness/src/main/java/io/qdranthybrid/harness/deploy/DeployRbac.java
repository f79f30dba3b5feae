package io.qdranthybrid.harness.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The ServiceAccount, Role and RoleBinding that {@code deploy/kustomize/<component>} ships, read from the files
 * themselves (copied into this jar by the build) and placed in a namespace the way Kustomize's {@code namespace:}
 * does: each object's {@code metadata.namespace} and the namespace of RoleBinding subjects of kind ServiceAccount.
 */
public enum DeployRbac {
  OPERATOR("operator", "qdrant-hybrid-operator"),
  AGENT("agent", "qdrant-cloud-agent");

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final String directory;
  private final String serviceAccount;

  DeployRbac(String directory, String serviceAccount) {
    this.directory = directory;
    this.serviceAccount = serviceAccount;
  }

  /** The ServiceAccount the component runs as. */
  public String serviceAccount() {
    return serviceAccount;
  }

  /** The shipped Role's rules, as written in {@code deploy/kustomize/<component>/role.yaml}. */
  public JsonNode roleRules() {
    return read("role.yaml").path("rules");
  }

  /** The objects as Kustomize renders them for {@code namespace}. */
  public List<ObjectNode> objects(String namespace) {
    List<ObjectNode> objects = new ArrayList<>();
    for (String file : List.of("serviceaccount.yaml", "role.yaml", "rolebinding.yaml")) {
      ObjectNode object = read(file);
      ((ObjectNode) object.path("metadata")).put("namespace", namespace);
      for (JsonNode subject : object.path("subjects")) {
        if (subject.path("kind").asText().equals("ServiceAccount")) {
          ((ObjectNode) subject).put("namespace", namespace);
        }
      }
      objects.add(object);
    }
    return objects;
  }

  /**
   * The optional {@code components/<component>-cluster-read} ClusterRole and ClusterRoleBinding for a component
   * installed in {@code namespace}. The binding's name gets the namespace as a suffix (what an overlay's
   * {@code nameSuffix} would do) so installs in several namespaces of one cluster do not replace each other's.
   */
  public List<ObjectNode> clusterReadObjects(String namespace) {
    ObjectNode role = read("../components/" + directory + "-cluster-read/clusterrole.yaml");
    ObjectNode binding = read("../components/" + directory + "-cluster-read/clusterrolebinding.yaml");
    ObjectNode metadata = (ObjectNode) binding.path("metadata");
    metadata.put("name", metadata.path("name").asText() + "-" + namespace);
    for (JsonNode subject : binding.path("subjects")) {
      ((ObjectNode) subject).put("namespace", namespace);
    }
    return List.of(role, binding);
  }

  /** Creates (or replaces) the component's ServiceAccount, Role and RoleBinding in the namespace. */
  public void install(KubernetesClient admin, String namespace) {
    install(admin, objects(namespace));
  }

  /** Installs the component's namespaced objects and its optional cluster-wide read access. */
  public void installWithClusterRead(KubernetesClient admin, String namespace) {
    install(admin, objects(namespace));
    install(admin, clusterReadObjects(namespace));
  }

  /** Installs given objects, e.g. {@link #objects} with a rule removed. */
  public static void install(KubernetesClient admin, List<ObjectNode> objects) {
    for (ObjectNode object : objects) {
      admin.resource(YAML.convertValue(object, GenericKubernetesResource.class)).createOr(r -> r.update());
    }
  }

  private ObjectNode read(String file) {
    // Normalised: a jar has no "..", only a directory on the class path resolves it.
    String path = java.nio.file.Path.of(directory, file).normalize().toString().replace('\\', '/');
    try (InputStream in = DeployRbac.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("deploy/kustomize/" + path + " is not in the test-harness jar; rebuild it");
      }
      return (ObjectNode) YAML.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
