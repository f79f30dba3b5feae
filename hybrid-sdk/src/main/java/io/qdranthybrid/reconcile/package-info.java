/**
 * Reconciliation primitives: a namespace-scoped {@link io.qdranthybrid.reconcile.Controller} on fabric8 shared
 * informers with a deduplicating, backing-off work queue; the {@link io.qdranthybrid.reconcile.Reconciler} contract;
 * write helpers that write only on change ({@link io.qdranthybrid.reconcile.ResourceApplier},
 * {@link io.qdranthybrid.reconcile.StatusUpdater}); owner references, Events, conditions; Lease-based
 * {@link io.qdranthybrid.reconcile.LeaderElection}; and {@link io.qdranthybrid.reconcile.ReconcileMetrics} hooks.
 *
 * <p>Typical wiring in an operator:
 * <pre>{@code
 * Controller<QdrantCluster> clusters = Controller.builder(client, QdrantCluster.class, new ClusterReconciler(...))
 *         .namespaces("qdrant")
 *         .owns(StatefulSet.class).owns(Service.class).owns(ConfigMap.class)
 *         .watches(Pod.class, SecondaryMapper.byLabel("cluster-id", id -> "qdrant-" + id))
 *         .finalizer("qdrant.io/cleanup")
 *         .workers(4)
 *         .metrics(micrometerAdapter)
 *         .build();
 * clusters.startInformers();                       // warm caches while standby
 * LeaderElection election = LeaderElection.builder(client, "qdrant", "qdrant-operator", podName)
 *         .onStartLeading(clusters::start)          // workers run only on the leader
 *         .onStopLeading(() -> System.exit(1))      // a replica that lost the lease restarts clean
 *         .build();
 * election.start();
 * Readiness readiness = Readiness.of(List.of(clusters), election);   // for the readiness probe
 * }</pre>
 */
package io.qdranthybrid.reconcile;
