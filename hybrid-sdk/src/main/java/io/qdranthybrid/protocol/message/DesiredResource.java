package io.qdranthybrid.protocol.message;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/**
 * One resource of a desired state: its manifest at {@code revision}, or a tombstone saying it must be deleted.
 *
 * @param manifest the desired object (a qdrant.io/v1 custom resource or release values), null for a tombstone;
 *                 copied on construction, do not mutate what {@link #manifestIfPresent()} returns
 */
public record DesiredResource(ResourceKey key, long revision, JsonNode manifest) {

    public DesiredResource {
        Require.present(key, "key");
        Require.positive(revision, "revision");
        manifest = manifest == null || manifest.isNull() || manifest.isMissingNode() ? null : manifest.deepCopy();
        if (manifest != null && !manifest.isObject()) {
            throw new IllegalArgumentException("manifest of " + key + " must be a JSON object");
        }
    }

    public static DesiredResource present(ResourceKey key, long revision, JsonNode manifest) {
        return new DesiredResource(key, revision, Require.present(manifest, "manifest"));
    }

    public static DesiredResource tombstone(ResourceKey key, long revision) {
        return new DesiredResource(key, revision, null);
    }

    public boolean isTombstone() {
        return manifest == null;
    }

    public Optional<JsonNode> manifestIfPresent() {
        return Optional.ofNullable(manifest);
    }
}
