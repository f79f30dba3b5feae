package io.qdranthybrid.harness.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

import java.util.Optional;

/** A validating admission check: the reason to reject a create or update, or empty to admit it. */
@FunctionalInterface
public interface AdmissionRule {

  /**
   * @param oldObject the stored object before an update; null on create
   * @param newObject the object as it would be stored
   */
  Optional<String> check(GenericKubernetesResource oldObject, GenericKubernetesResource newObject);
}
