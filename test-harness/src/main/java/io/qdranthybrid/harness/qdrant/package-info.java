/**
 * Simulated Qdrant nodes: one real loopback HTTP server per container start, speaking the subset of
 * Qdrant's REST API an operator needs (cluster, collections, collection cluster operations, peer
 * removal, telemetry, metrics, health), with Qdrant's JSON shapes and errors.
 *
 * <p>Entry point: {@link io.qdranthybrid.harness.qdrant.SimulatedQdrant}, the kubelet's container runtime
 * and the storage layer's volume data. Model, in short:
 * <ul>
 *   <li>Identity is the volume at {@code /qdrant/storage}: same volume, same peer and shards; new volume,
 *       new empty peer. A peer removed from consensus never becomes ready again on its old volume.</li>
 *   <li>Consensus needs a majority: a node joins only through a reachable leader, and answers nothing on its REST
 *       port until it has joined; consensus operations fail without a majority.</li>
 *   <li>Replica states follow the situations that produce them in Qdrant: Recovery for snapshot and wal_delta
 *       transfers, Listener on listener nodes, Resharding, ActiveRead and ReshardingScaleDown while resharding
 *       ({@link io.qdranthybrid.harness.qdrant.SimulatedQdrantCluster#startResharding}), ManualRecovery from
 *       v1.16.4 while a shard snapshot is recovered by hand.</li>
 *   <li>Replicas of a down or partitioned peer are Dead to others; a replica that missed writes stays Dead
 *       until a recovery transfer brings it back. Transfers advance on a shared timer at a configurable
 *       points/second and are aborted when an end stays unreachable past the stall timeout.</li>
 *   <li>Every mutation re-checks two invariants per shard (a replica still holds data; the best Active
 *       replica holds every acknowledged point) and records each violation once.</li>
 *   <li>Snapshots copy a volume, peer id included; a node started on a restored volume rejoins or
 *       bootstraps its cluster as that peer and brings its shards along.</li>
 * </ul>
 */
package io.qdranthybrid.harness.qdrant;
