package io.qdranthybrid.platform.desired;

/**
 * Tells a replica that an environment's desired state reached a new revision in the shared
 * {@link DesiredStateRepository}, whoever saved it (SPI). {@link DesiredStateStores} subscribes and lets the
 * environment's store catch up, which pushes the change to an agent connected to this replica.
 *
 * <p>A feed may miss notifications (a dropped connection) and may repeat them (the replica's own saves come back too);
 * stores ignore revisions they already have. An implementation that can miss one must, after it recovers and
 * periodically, notify every environment's current revision so that a missed change is caught up anyway.
 *
 * <p>{@link #NONE} suits a single control-plane process: its own stores already tell their listeners.
 * {@link InMemoryDesiredStateRepository#changeFeed()} serves replicas sharing one in-memory repository (tests);
 * {@code PostgresDesiredStateChangeFeed} uses PostgreSQL's {@code LISTEN/NOTIFY}.
 */
@FunctionalInterface
public interface DesiredStateChangeFeed {

    /** A feed that never tells anything. */
    DesiredStateChangeFeed NONE = listener -> {
    };

    /** From now on, tell {@code listener} every environment revision saved to the repository, on any thread. */
    void subscribe(DesiredStateListener listener);
}
