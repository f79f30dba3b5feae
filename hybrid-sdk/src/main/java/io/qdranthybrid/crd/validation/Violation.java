package io.qdranthybrid.crd.validation;

import java.util.Objects;

/**
 * One reason a spec cannot be applied, with the path of the offending field as a user would write it in
 * a manifest (e.g. {@code spec.resources.storage}).
 */
public record Violation(String field, String message) {

    public Violation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
