package io.qdranthybrid.harness.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.List;

/**
 * The ServiceAccount, Role and RoleBinding of one component as {@code deploy/kustomize/install} renders them
 * ({@link DeployManifests#INSTALL}), placed in a test's namespace; and its optional cluster-read ClusterRole and
 * binding ({@link DeployManifests#INSTALL_CLUSTER_READ}).
 */
public enum DeployRbac {
  OPERATOR("qdrant-hybrid-operator"),
  AGENT("qdrant-cloud-agent");

  private static final ObjectMapper YAML = new ObjectMapper();
  private static final List<String> NAMESPACED_KINDS = List.of("ServiceAccount", "Role", "RoleBinding");

  private final String serviceAccount;

  DeployRbac(String serviceAccount) {
    this.serviceAccount = serviceAccount;
  }

  /** The ServiceAccount the component runs as. */
  public String serviceAccount() {
    return serviceAccount;
  }

  /** The shipped Role's rules, as rendered from {@code deploy/kustomize/<component>/role.yaml}. */
  public JsonNode roleRules() {
    return DeployManifests.find(DeployManifests.INSTALL.objects(), "Role", serviceAccount).path("rules");
  }

  /** The ServiceAccount, Role and RoleBinding as Kustomize renders them for {@code namespace}. */
  public List<ObjectNode> objects(String namespace) {
    List<ObjectNode> rendered = DeployManifests.INSTALL.placedIn(namespace);
    return NAMESPACED_KINDS.stream().map(kind -> DeployManifests.find(rendered, kind, serviceAccount)).toList();
  }

  /**
   * The optional {@code components/<component>-cluster-read} ClusterRole and ClusterRoleBinding for a component
   * installed in {@code namespace}; the binding's name carries the namespace (see {@link NamespacePlacement}).
   */
  public List<ObjectNode> clusterReadObjects(String namespace) {
    List<ObjectNode> rendered = DeployManifests.INSTALL_CLUSTER_READ.placedIn(namespace);
    String name = serviceAccount + "-cluster-read";
    return List.of(DeployManifests.find(rendered, "ClusterRole", name),
        DeployManifests.find(rendered, "ClusterRoleBinding", name + "-" + namespace));
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
}
