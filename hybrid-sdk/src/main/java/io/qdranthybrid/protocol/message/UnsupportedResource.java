package io.qdranthybrid.protocol.message;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A resource of a desired state whose kind this agent does not know, typically sent by a newer control plane. It is
 * refused on its own (Nack {@code UNSUPPORTED} naming it) while the rest of the desired state is applied, so one new
 * kind never blocks every other change. Kept verbatim so that re-encoding the desired state loses nothing.
 *
 * @param kind     the kind's wire name as received
 * @param manifest the manifest as received, null for a tombstone
 */
public record UnsupportedResource(String kind, String namespace, String name, long revision, JsonNode manifest) {

    public UnsupportedResource {
        Require.nonBlank(kind, "kind");
        Require.nonBlank(namespace, "namespace");
        Require.nonBlank(name, "name");
        Require.positive(revision, "revision");
        manifest = manifest == null || manifest.isNull() || manifest.isMissingNode() ? null : manifest.deepCopy();
    }

    public boolean isTombstone() {
        return manifest == null;
    }

    @Override
    public String toString() {
        return kind + "/" + namespace + "/" + name;
    }
}
