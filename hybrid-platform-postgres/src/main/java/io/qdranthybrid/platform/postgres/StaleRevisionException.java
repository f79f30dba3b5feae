package io.qdranthybrid.platform.postgres;

import io.qdranthybrid.platform.desired.DesiredStateConflictException;

/**
 * Another writer (typically another replica) already stored this revision or a later one of the environment's desired
 * state; the save was refused so that nothing it wrote is lost. A {@code DesiredStateStore} catches up and applies the
 * change again (see {@link DesiredStateConflictException}).
 */
public final class StaleRevisionException extends DesiredStateConflictException {

    public StaleRevisionException(String environmentId, long attempted, long stored) {
        super(environmentId, attempted, stored);
    }
}
