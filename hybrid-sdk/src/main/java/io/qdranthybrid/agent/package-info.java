/**
 * The cloud agent: the in-cluster half of the hybrid control plane. {@link io.qdranthybrid.agent.CloudAgent} dials the
 * control plane (through {@link io.qdranthybrid.protocol.client.AgentConnection}) and
 * <ul>
 *   <li>applies desired state ({@link io.qdranthybrid.agent.DesiredStateApplier}) to the allow-listed kinds of
 *       {@link io.qdranthybrid.agent.ManagedKind} in its own namespace only, deciding each resource first without
 *       touching Kubernetes ({@link io.qdranthybrid.agent.DesiredResourcePlanner}); objects it manages carry
 *       {@link io.qdranthybrid.agent.AgentLabels}, objects without them are never changed; the applied revision is
 *       persisted ({@link io.qdranthybrid.agent.AgentStateStore}) so a restart resumes with a delta;</li>
 *   <li>reports statuses and per-cluster metrics of its objects, the namespace's Kubernetes events, and the
 *       environment (version, distribution, nodes, storage and snapshot classes, component releases as the
 *       helm-controller reports them, see {@link io.qdranthybrid.agent.ComponentStatuses}).</li>
 * </ul>
 * It changes the cluster only when a desired state says so: losing the control plane deletes or resyncs nothing.
 */
package io.qdranthybrid.agent;
