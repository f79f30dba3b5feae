package io.qdranthybrid.operator.policy;

/**
 * A field of a QdrantCluster the install's policy refuses, and the operator setting that would allow it.
 *
 * @param field   the path as written in the manifest, e.g. {@code spec.storage.additionalVolumes[0].hostPath}
 * @param setting the {@code qdrant.operator.policy.*} setting to change to allow it
 */
public record PolicyViolation(String field, String message, String setting) {

    @Override
    public String toString() {
        return field + ": " + message + " (allowed by " + setting + ")";
    }
}
