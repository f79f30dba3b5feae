/**
 * The StatefulSet controller of kube-controller-manager (kubernetes pkg/controller/statefulset). Keeps pods
 * {@code <set>-<ordinal>} and their PersistentVolumeClaims in line with each StatefulSet: OrderedReady and Parallel
 * management, rolling updates from the highest ordinal down honouring the partition, OnDelete, ControllerRevisions
 * named by the template hash, {@code spec.ordinals.start}, claim retention and a status written only when it
 * changed, adoption of orphaned pods (matchLabels selectors). Not modelled: {@code maxUnavailable} rolling updates
 * and release of pods whose labels no longer match.
 */
package io.qdranthybrid.harness.kube.controllers.statefulset;
