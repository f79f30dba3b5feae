package io.qdranthybrid.harness.controlplane;

/**
 * What a forced delete answers: the record is gone at once, and what its agent created may still be in the namespace.
 *
 * @param clusterId empty for an environment
 * @param leftovers what may remain in the customer's cluster and how to remove it
 */
public record ForcedDeletion(String environmentId, String clusterId, String namespace, String leftovers) {
}
