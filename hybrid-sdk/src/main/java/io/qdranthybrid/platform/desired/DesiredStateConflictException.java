package io.qdranthybrid.platform.desired;

/**
 * Another writer (typically another replica of the control plane) already saved this revision, or a later one, of the
 * environment's desired state; the save was refused and nothing of it was written. A {@link DesiredStateStore} that
 * meets it catches up from its repository and applies the change again on top.
 */
public class DesiredStateConflictException extends RuntimeException {

    public DesiredStateConflictException(String environmentId, long attempted, long stored) {
        super("desired state of environment " + environmentId + " is already at revision " + stored
                + "; refusing to save revision " + attempted + " over it");
    }
}
