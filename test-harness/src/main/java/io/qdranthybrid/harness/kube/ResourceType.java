package io.qdranthybrid.harness.kube;

import java.util.Objects;
import java.util.Optional;

/**
 * One kind of object the simulated API server serves: where it lives in the URL space and which
 * subresources the real API server would offer for it.
 *
 * @param group            API group, empty for the core group
 * @param version          served version
 * @param kind             object kind, e.g. {@code StatefulSet}
 * @param plural           URL name, e.g. {@code statefulsets}
 * @param namespaced       whether objects live in a namespace
 * @param statusSubresource whether {@code .status} is written only through {@code /status}
 * @param scale            the scale subresource, if the kind has one (null when it has none)
 */
public record ResourceType(String group, String version, String kind, String plural, boolean namespaced,
                           boolean statusSubresource, ScaleSubresource scale) {

  public ResourceType {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(plural, "plural");
  }

  /** Where a scale subresource reads and writes replicas, as JSON paths like {@code .spec.replicas}. */
  public record ScaleSubresource(String specReplicasPath, String statusReplicasPath, String labelSelectorPath) {
  }

  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** The key objects of this type are stored under: one store per group and plural, whatever the version. */
  public String storageKey() {
    return group.isEmpty() ? plural : plural + "." + group;
  }

  /** How the real API server names the resource in messages, e.g. {@code statefulsets.apps}. */
  public String qualifiedName() {
    return storageKey();
  }

  public Optional<ScaleSubresource> scaleSubresource() {
    return Optional.ofNullable(scale);
  }
}
