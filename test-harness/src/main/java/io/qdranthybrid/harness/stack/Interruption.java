package io.qdranthybrid.harness.stack;

/**
 * A fault that lasts until it is ended: a cut network, a control-plane outage. Ending is idempotent; one scheduled
 * to end by itself can still be ended early. Closing ends it, so try-with-resources bounds it to a block.
 */
public interface Interruption extends AutoCloseable {

    /** Ends the fault now if it has not ended yet. */
    void end();

    boolean isActive();

    @Override
    default void close() {
        end();
    }
}
