package io.qdranthybrid.agent.doctor;

/**
 * What one read of the cluster gave: the value, or why there is none. Forbidden is told apart because the agent's
 * namespace-scoped RBAC may lack an optional right, which is a reason to warn, never to fail.
 */
public sealed interface Readout<T> {

    /** Why there is no value, for a human; "read" when there is one. */
    String detail();

    record Found<T>(T value) implements Readout<T> {
        @Override
        public String detail() {
            return "read";
        }
    }

    /** The API server answered 403: the agent's ServiceAccount lacks the right. */
    record Forbidden<T>(String detail) implements Readout<T> {
    }

    /** Any other failure (the API not installed, an error): the check cannot say. */
    record Unreadable<T>(String detail) implements Readout<T> {
    }

    static <T> Readout<T> found(T value) {
        return new Found<>(value);
    }

    /** The same failure for another type; only for a readout that is not {@link Found}. */
    default <U> Readout<U> failedAs() {
        if (this instanceof Forbidden<T> forbidden) {
            return new Forbidden<>(forbidden.detail());
        }
        return new Unreadable<>(detail());
    }
}
