package io.qdranthybrid.protocol.message;

/** Identifies one managed resource across revisions. */
public record ResourceKey(ResourceKind kind, String namespace, String name) {

    public ResourceKey {
        Require.present(kind, "kind");
        Require.nonBlank(namespace, "namespace");
        Require.nonBlank(name, "name");
    }

    @Override
    public String toString() {
        return kind.wireName() + "/" + namespace + "/" + name;
    }
}
