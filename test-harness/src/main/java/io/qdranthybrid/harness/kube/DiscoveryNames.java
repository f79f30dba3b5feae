package io.qdranthybrid.harness.kube;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The names discovery advertises for a resource besides its plural: singular, short names ({@code kubectl get qc})
 * and categories ({@code kubectl get all}).
 *
 * @param singular   singular name, e.g. {@code qdrantcluster}
 * @param shortNames short names, e.g. {@code qc}
 * @param categories categories, e.g. {@code all}
 */
record DiscoveryNames(String singular, List<String> shortNames, List<String> categories) {

  /**
   * Short names and categories of the built-in kinds as kube-apiserver registers them (each kind's REST storage,
   * e.g. pkg/registry/core/pod/storage/storage.go ShortNames() and Categories(); {@code kubectl api-resources}).
   */
  private static final Map<String, DiscoveryNames> BUILT_IN = Map.ofEntries(
      builtIn("pods", "pod", List.of("po"), true),
      builtIn("services", "service", List.of("svc"), true),
      builtIn("persistentvolumeclaims", "persistentvolumeclaim", List.of("pvc"), false),
      builtIn("persistentvolumes", "persistentvolume", List.of("pv"), false),
      builtIn("namespaces", "namespace", List.of("ns"), false),
      builtIn("nodes", "node", List.of("no"), false),
      builtIn("configmaps", "configmap", List.of("cm"), false),
      builtIn("serviceaccounts", "serviceaccount", List.of("sa"), false),
      builtIn("endpoints", "endpoints", List.of("ep"), false),
      builtIn("events", "event", List.of("ev"), false),
      builtIn("replicationcontrollers", "replicationcontroller", List.of("rc"), true),
      builtIn("statefulsets", "statefulset", List.of("sts"), true),
      builtIn("deployments", "deployment", List.of("deploy"), true),
      builtIn("replicasets", "replicaset", List.of("rs"), true),
      builtIn("daemonsets", "daemonset", List.of("ds"), true),
      builtIn("jobs", "job", List.of(), true),
      builtIn("cronjobs", "cronjob", List.of("cj"), true),
      builtIn("poddisruptionbudgets", "poddisruptionbudget", List.of("pdb"), false),
      builtIn("networkpolicies", "networkpolicy", List.of("netpol"), false),
      builtIn("ingresses", "ingress", List.of("ing"), false),
      builtIn("storageclasses", "storageclass", List.of("sc"), false),
      builtIn("horizontalpodautoscalers", "horizontalpodautoscaler", List.of("hpa"), true),
      Map.entry("customresourcedefinitions",
          new DiscoveryNames("customresourcedefinition", List.of("crd", "crds"), List.of("api-extensions"))));

  private static Map.Entry<String, DiscoveryNames> builtIn(String plural, String singular, List<String> shortNames,
                                                           boolean inAll) {
    return Map.entry(plural, new DiscoveryNames(singular, shortNames, inAll ? List.of("all") : List.of()));
  }

  /** The names of a built-in kind; kinds without short names get their lower-cased kind as singular. */
  static DiscoveryNames ofBuiltIn(ResourceType type) {
    return BUILT_IN.getOrDefault(type.plural(),
        new DiscoveryNames(type.kind().toLowerCase(Locale.ROOT), List.of(), List.of()));
  }

  /** The names of a custom kind, from its CRD's {@code spec.names}. */
  static DiscoveryNames ofCrd(JsonNode names) {
    String kind = names.path("kind").asText();
    return new DiscoveryNames(names.path("singular").asText(kind.toLowerCase(Locale.ROOT)),
        strings(names.path("shortNames")), strings(names.path("categories")));
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return List.copyOf(values);
  }
}
