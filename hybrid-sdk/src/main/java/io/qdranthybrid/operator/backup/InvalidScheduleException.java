package io.qdranthybrid.operator.backup;

/** A backup schedule that cannot be evaluated; the message says what is wrong and what is accepted. */
public final class InvalidScheduleException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidScheduleException(String message) {
        super(message);
    }
}
