package io.qdranthybrid.reconcile;

/**
 * A component cannot start, for a reason its user can fix: the message is one line naming what is missing and how to
 * give it ("no Kubernetes credentials: set ..."). Apps print it and exit non-zero instead of retrying forever.
 */
public class CannotStartException extends RuntimeException {

    public CannotStartException(String message) {
        super(message);
    }

    public CannotStartException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The one line to show for a startup failure: the message of the innermost {@link CannotStartException} in the
     * cause chain, else the innermost cause's message, with its type unless it is an IllegalArgumentException (frameworks
     * wrap a bean's failure several times).
     */
    public static String reason(Throwable failure) {
        String reason = null;
        Throwable innermost = failure;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CannotStartException) {
                reason = t.getMessage();
            }
            innermost = t;
        }
        if (reason != null) {
            return reason;
        }
        String message = innermost.getMessage();
        String type = innermost.getClass().getSimpleName();
        if (message == null || message.isBlank()) {
            return type;
        }
        // Our settings classes refuse a bad value with an IllegalArgumentException whose message names the setting.
        return innermost instanceof IllegalArgumentException ? firstLine(message) : type + ": " + firstLine(message);
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }

    /**
     * Runs {@code start}; if it fails, prints {@code "<component> cannot start: <reason>"} on standard error and exits
     * with status 1, so that a misconfigured process ends within seconds instead of retrying forever.
     */
    public static void exitOnFailure(String component, Runnable start) {
        try {
            start.run();
        } catch (RuntimeException e) {
            System.err.println(component + " cannot start: " + reason(e));
            System.exit(1);
        }
    }
}
