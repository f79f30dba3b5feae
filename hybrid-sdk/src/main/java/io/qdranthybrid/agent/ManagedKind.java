package io.qdranthybrid.agent;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.qdranthybrid.protocol.message.ResourceKind;

import java.util.List;
import java.util.Optional;

/**
 * One Kubernetes kind the agent may write, and the protocol resource kind it comes from. The allow-list is
 * {@link #ALL}: nothing outside it is ever created, updated or deleted, whatever the control plane sends.
 */
public record ManagedKind(ResourceKind resourceKind, String apiVersion, String kind, String plural) {

    public static final ManagedKind QDRANT_CLUSTER =
            new ManagedKind(ResourceKind.CLUSTER, "qdrant.io/v1", "QdrantCluster", "qdrantclusters");
    public static final ManagedKind QDRANT_CLUSTER_SNAPSHOT =
            new ManagedKind(ResourceKind.SNAPSHOT, "qdrant.io/v1", "QdrantClusterSnapshot", "qdrantclustersnapshots");
    public static final ManagedKind QDRANT_CLUSTER_SCHEDULED_SNAPSHOT = new ManagedKind(ResourceKind.SCHEDULE,
            "qdrant.io/v1", "QdrantClusterScheduledSnapshot", "qdrantclusterscheduledsnapshots");
    public static final ManagedKind QDRANT_CLUSTER_RESTORE =
            new ManagedKind(ResourceKind.RESTORE, "qdrant.io/v1", "QdrantClusterRestore", "qdrantclusterrestores");
    public static final ManagedKind QDRANT_ENTITY =
            new ManagedKind(ResourceKind.ENTITY, "qdrant.io/v1", "QdrantEntity", "qdrantentities");
    public static final ManagedKind QDRANT_RELEASE =
            new ManagedKind(ResourceKind.QDRANT_RELEASE, "qdrant.io/v1", "QdrantRelease", "qdrantreleases");
    /** Flux-compatible, renamed to cd.qdrant.io so it cannot collide with a Flux the customer runs. */
    public static final ManagedKind HELM_RELEASE =
            new ManagedKind(ResourceKind.COMPONENT_RELEASE, "cd.qdrant.io/v2", "HelmRelease", "helmreleases");
    public static final ManagedKind HELM_REPOSITORY =
            new ManagedKind(ResourceKind.COMPONENT_RELEASE, "cd.qdrant.io/v1", "HelmRepository", "helmrepositories");

    public static final List<ManagedKind> ALL = List.of(QDRANT_CLUSTER, QDRANT_CLUSTER_SNAPSHOT,
            QDRANT_CLUSTER_SCHEDULED_SNAPSHOT, QDRANT_CLUSTER_RESTORE, QDRANT_ENTITY, QDRANT_RELEASE, HELM_RELEASE,
            HELM_REPOSITORY);

    /** The Kubernetes kinds a protocol resource kind may become. */
    public static List<ManagedKind> forResourceKind(ResourceKind resourceKind) {
        return ALL.stream().filter(k -> k.resourceKind == resourceKind).toList();
    }

    public static Optional<ManagedKind> find(String apiVersion, String kind) {
        return ALL.stream().filter(k -> k.apiVersion.equals(apiVersion) && k.kind.equals(kind)).findFirst();
    }

    public String group() {
        return apiVersion.substring(0, apiVersion.indexOf('/'));
    }

    public String version() {
        return apiVersion.substring(apiVersion.indexOf('/') + 1);
    }

    /** The name of the CustomResourceDefinition that makes the cluster serve this kind. */
    public String crdName() {
        return plural + "." + group();
    }

    public ResourceDefinitionContext context() {
        return new ResourceDefinitionContext.Builder().withGroup(group()).withVersion(version()).withKind(kind)
                .withPlural(plural).withNamespaced(true).build();
    }

    @Override
    public String toString() {
        return apiVersion + " " + kind;
    }
}
