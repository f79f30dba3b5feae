package io.qdranthybrid.harness.kube;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.JsonNode;
import io.qdranthybrid.harness.kube.ResourceType.ScaleSubresource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The kinds the simulated API server knows: the built-in kinds a k3s cluster serves plus every registered
 * CustomResourceDefinition. Also renders the discovery documents clients read to find plurals and scopes.
 */
public final class ResourceTypes {

  private static final ScaleSubresource REPLICAS_SCALE =
      new ScaleSubresource(".spec.replicas", ".status.replicas", ".spec.selector");

  /** Keyed by "group/version/plural". */
  private final Map<String, ResourceType> byPath = new ConcurrentHashMap<>();
  /** Singular, short names and categories of custom kinds, keyed like {@link #byPath}; built-ins use a fixed table. */
  private final Map<String, DiscoveryNames> customNames = new ConcurrentHashMap<>();
  /** Each served custom kind's CRD version (printer columns, schema), keyed like {@link #byPath}. */
  private final Map<String, JsonNode> crdVersions = new ConcurrentHashMap<>();

  ResourceTypes() {
    core("Pod", "pods", true, true);
    core("Service", "services", true, true);
    core("PersistentVolumeClaim", "persistentvolumeclaims", true, true);
    core("PersistentVolume", "persistentvolumes", false, true);
    core("Namespace", "namespaces", false, true);
    core("Node", "nodes", false, true);
    core("ConfigMap", "configmaps", true, false);
    core("Secret", "secrets", true, false);
    core("ServiceAccount", "serviceaccounts", true, false);
    core("Endpoints", "endpoints", true, false);
    core("Event", "events", true, false);
    core("ReplicationController", "replicationcontrollers", true, true);
    register(new ResourceType("apps", "v1", "StatefulSet", "statefulsets", true, true, REPLICAS_SCALE));
    register(new ResourceType("apps", "v1", "Deployment", "deployments", true, true, REPLICAS_SCALE));
    register(new ResourceType("apps", "v1", "ReplicaSet", "replicasets", true, true, REPLICAS_SCALE));
    register(new ResourceType("apps", "v1", "DaemonSet", "daemonsets", true, true, null));
    register(new ResourceType("apps", "v1", "ControllerRevision", "controllerrevisions", true, false, null));
    register(new ResourceType("batch", "v1", "Job", "jobs", true, true, null));
    register(new ResourceType("batch", "v1", "CronJob", "cronjobs", true, true, null));
    register(new ResourceType("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", true, true, null));
    register(new ResourceType("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", true, false, null));
    register(new ResourceType("networking.k8s.io", "v1", "Ingress", "ingresses", true, true, null));
    register(new ResourceType("storage.k8s.io", "v1", "StorageClass", "storageclasses", false, false, null));
    register(new ResourceType("coordination.k8s.io", "v1", "Lease", "leases", true, false, null));
    register(new ResourceType("discovery.k8s.io", "v1", "EndpointSlice", "endpointslices", true, false, null));
    register(new ResourceType("events.k8s.io", "v1", "Event", "events", true, false, null));
    register(new ResourceType("rbac.authorization.k8s.io", "v1", "Role", "roles", true, false, null));
    register(new ResourceType("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", true, false, null));
    register(new ResourceType("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", false, false, null));
    register(new ResourceType("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", false,
        false, null));
    register(new ResourceType("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true, true,
        null));
    register(new ResourceType("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions",
        false, true, null));
  }

  private void core(String kind, String plural, boolean namespaced, boolean status) {
    register(new ResourceType("", "v1", kind, plural, namespaced, status, null));
  }

  void register(ResourceType type) {
    byPath.put(key(type.group(), type.version(), type.plural()), type);
  }

  /** Registers every served version of a CRD, read from its JSON form; returns the types it added. */
  List<ResourceType> register(JsonNode crd) {
    JsonNode spec = crd.path("spec");
    JsonNode names = spec.path("names");
    String name = crd.path("metadata").path("name").asText();
    if (!spec.path("group").isTextual() || !names.path("kind").isTextual() || !names.path("plural").isTextual()) {
      throw new IllegalArgumentException("CustomResourceDefinition " + name
          + " lacks spec.group, spec.names.kind or spec.names.plural");
    }
    boolean namespaced = !"Cluster".equals(spec.path("scope").asText());
    List<ResourceType> added = new ArrayList<>();
    for (JsonNode version : spec.path("versions")) {
      if (!version.path("served").asBoolean(true)) {
        continue;
      }
      JsonNode subresources = version.path("subresources");
      JsonNode scale = subresources.path("scale");
      ResourceType type = new ResourceType(spec.path("group").asText(), version.path("name").asText(),
          names.path("kind").asText(), names.path("plural").asText(), namespaced, subresources.has("status"),
          scale.isObject() ? new ScaleSubresource(scale.path("specReplicasPath").asText(),
              scale.path("statusReplicasPath").asText(),
              scale.hasNonNull("labelSelectorPath") ? scale.path("labelSelectorPath").asText() : null) : null);
      register(type);
      String key = key(type.group(), type.version(), type.plural());
      customNames.put(key, DiscoveryNames.ofCrd(names));
      crdVersions.put(key, version);
      added.add(type);
    }
    return added;
  }

  void unregister(JsonNode crd) {
    JsonNode spec = crd.path("spec");
    String plural = spec.path("names").path("plural").asText();
    spec.path("versions").forEach(v -> {
      String key = key(spec.path("group").asText(), v.path("name").asText(), plural);
      byPath.remove(key);
      customNames.remove(key);
      crdVersions.remove(key);
    });
  }

  public Optional<ResourceType> find(String group, String version, String plural) {
    return Optional.ofNullable(byPath.get(key(group, version, plural)));
  }

  /** Every type served now, in no particular order. */
  java.util.Collection<ResourceType> all() {
    return java.util.List.copyOf(byPath.values());
  }

  /** The CRD version a custom type is served from (its schema and printer columns); empty for built-in kinds. */
  Optional<JsonNode> crdVersion(ResourceType type) {
    return Optional.ofNullable(crdVersions.get(key(type.group(), type.version(), type.plural())));
  }

  DiscoveryNames names(ResourceType type) {
    DiscoveryNames custom = customNames.get(key(type.group(), type.version(), type.plural()));
    return custom != null ? custom : DiscoveryNames.ofBuiltIn(type);
  }

  boolean servesGroupVersion(String group, String version) {
    return byPath.values().stream().anyMatch(t -> t.group().equals(group) && t.version().equals(version));
  }

  String coreVersionsJson(ObjectMapper mapper) {
    ObjectNode root = mapper.createObjectNode().put("kind", "APIVersions");
    root.putArray("versions").add("v1");
    root.putArray("serverAddressByClientCIDRs").addObject().put("clientCIDR", "0.0.0.0/0")
        .put("serverAddress", "127.0.0.1:6443");
    return root.toString();
  }

  String groupListJson(ObjectMapper mapper) {
    Map<String, Set<String>> versionsByGroup = new java.util.TreeMap<>();
    byPath.values().stream().filter(t -> !t.group().isEmpty())
        .forEach(t -> versionsByGroup.computeIfAbsent(t.group(), g -> new TreeSet<>()).add(t.version()));
    ObjectNode root = mapper.createObjectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
    ArrayNode groups = root.putArray("groups");
    versionsByGroup.forEach((group, versions) -> {
      ObjectNode g = groups.addObject().put("name", group);
      ArrayNode vs = g.putArray("versions");
      versions.forEach(v -> vs.addObject().put("groupVersion", group + "/" + v).put("version", v));
      String preferred = versions.iterator().next();
      g.putObject("preferredVersion").put("groupVersion", group + "/" + preferred).put("version", preferred);
    });
    return root.toString();
  }

  String groupJson(ObjectMapper mapper, String group) {
    Set<String> versions = new TreeSet<>();
    byPath.values().stream().filter(t -> t.group().equals(group)).forEach(t -> versions.add(t.version()));
    if (versions.isEmpty()) {
      return null;
    }
    ObjectNode g = mapper.createObjectNode().put("kind", "APIGroup").put("apiVersion", "v1").put("name", group);
    ArrayNode vs = g.putArray("versions");
    versions.forEach(v -> vs.addObject().put("groupVersion", group + "/" + v).put("version", v));
    String preferred = versions.iterator().next();
    g.putObject("preferredVersion").put("groupVersion", group + "/" + preferred).put("version", preferred);
    return g.toString();
  }

  String resourceListJson(ObjectMapper mapper, String group, String version) {
    ObjectNode root = mapper.createObjectNode().put("kind", "APIResourceList").put("apiVersion", "v1")
        .put("groupVersion", group.isEmpty() ? version : group + "/" + version);
    ArrayNode resources = root.putArray("resources");
    byPath.values().stream().filter(t -> t.group().equals(group) && t.version().equals(version))
        .sorted(java.util.Comparator.comparing(ResourceType::plural))
        .forEach(t -> {
          ObjectNode main = resource(resources, t, t.plural(), List.of("create", "delete", "deletecollection", "get",
              "list", "patch", "update", "watch"));
          DiscoveryNames names = names(t);
          main.put("singularName", names.singular());
          if (!names.shortNames().isEmpty()) {
            ArrayNode shortNames = main.putArray("shortNames");
            names.shortNames().forEach(shortNames::add);
          }
          if (!names.categories().isEmpty()) {
            ArrayNode categories = main.putArray("categories");
            names.categories().forEach(categories::add);
          }
          if (t.statusSubresource()) {
            resource(resources, t, t.plural() + "/status", List.of("get", "patch", "update"));
          }
          if (t.scale() != null) {
            resource(resources, t, t.plural() + "/scale", List.of("get", "patch", "update"));
          }
        });
    return root.toString();
  }

  /** One APIResource of an APIResourceList (k8s.io/apimachinery/pkg/apis/meta/v1/types.go). */
  private static ObjectNode resource(ArrayNode resources, ResourceType type, String name, List<String> verbs) {
    ObjectNode r = resources.addObject().put("name", name)
        .put("singularName", "")
        .put("namespaced", type.namespaced()).put("kind", name.endsWith("/scale") ? "Scale" : type.kind());
    if (name.endsWith("/scale")) {
      r.put("group", "autoscaling").put("version", "v1");
    }
    ArrayNode v = r.putArray("verbs");
    verbs.forEach(v::add);
    return r;
  }

  private static String key(String group, String version, String plural) {
    return group + "/" + version + "/" + plural;
  }
}
