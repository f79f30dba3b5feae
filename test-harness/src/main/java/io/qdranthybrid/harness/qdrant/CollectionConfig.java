package io.qdranthybrid.harness.qdrant;

/** A collection's parameters, as every peer stores them. */
public record CollectionConfig(int shardNumber, int replicationFactor, int vectorSize, String distance) {

    public CollectionConfig {
        if (shardNumber < 1) {
            throw QdrantApiException.badRequest("Validation error in JSON body: [shard_number: value "
                    + shardNumber + " invalid, must be 1 or larger]");
        }
        if (replicationFactor < 1) {
            throw QdrantApiException.badRequest("Validation error in JSON body: [replication_factor: value "
                    + replicationFactor + " invalid, must be 1 or larger]");
        }
    }
}
