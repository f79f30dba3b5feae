/**
 * The kubelet of every simulated node (kubernetes pkg/kubelet). It registers the Nodes of a {@link
 * io.qdranthybrid.harness.kube.controllers.kubelet.NodePool}, and for each pod bound to one of them waits for its
 * claims, resolves env, ConfigMap/Secret files and volume handles, starts the main container through a
 * {@code ContainerRuntime}, runs startup/readiness/liveness probes, restarts crashed containers with the real
 * back-off shape and writes the pod status only when it changed. Image pulls fail only for registries under the
 * reserved {@code .invalid} domain ({@code ImagePulls}). Not modelled: init and sidecar containers,
 * resource limits and eviction, node heartbeats (Node Leases), and more than one container process per pod.
 */
package io.qdranthybrid.harness.kube.controllers.kubelet;
