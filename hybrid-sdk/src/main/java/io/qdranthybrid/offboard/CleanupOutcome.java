package io.qdranthybrid.offboard;

/** How a cleanup ended, with the exit code the command returns. */
public enum CleanupOutcome {
    /** Everything is gone (or was already). */
    DONE(0),
    /** Nothing was touched: QdrantClusters exist and {@code --force} was not given. */
    REFUSED(1),
    /** Some step could not finish (printed); running the cleanup again continues where it stopped. */
    INCOMPLETE(3);

    private final int exitCode;

    CleanupOutcome(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
