/**
 * The garbage collector of kube-controller-manager (kubernetes pkg/controller/garbagecollector): cascading deletion
 * by {@code metadata.ownerReferences}, with background, foreground ({@code foregroundDeletion} finalizer,
 * {@code blockOwnerDeletion}) and orphan ({@code orphan} finalizer) propagation, over an owner-to-dependents graph
 * kept from informers. Not modelled: discovery of the kinds to watch (they are given as {@link
 * io.qdranthybrid.harness.kube.controllers.gc.GarbageCollectedKind}) and owners in another namespace, which the real
 * collector reports as invalid rather than deleting their dependents.
 */
package io.qdranthybrid.harness.kube.controllers.gc;
