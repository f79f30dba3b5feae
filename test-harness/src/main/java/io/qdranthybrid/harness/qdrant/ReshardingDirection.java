package io.qdranthybrid.harness.qdrant;

/** Which way a collection is resharded: one shard more, or its last shard merged away. */
public enum ReshardingDirection {
    UP,
    DOWN
}
