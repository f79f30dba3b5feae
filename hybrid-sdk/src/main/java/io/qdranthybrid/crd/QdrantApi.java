package io.qdranthybrid.crd;

import java.util.List;

/** The qdrant.io/v1 API group, its kinds, and the labels and annotations the operator understands. */
public final class QdrantApi {

    public static final String GROUP = "qdrant.io";
    public static final String VERSION = "v1";
    public static final String API_VERSION = GROUP + "/" + VERSION;

    /** Every custom resource kind of the group, in dependency order (clusters before their backups). */
    public static final List<Class<? extends io.fabric8.kubernetes.client.CustomResource<?, ?>>> KINDS = List.of(
            QdrantCluster.class,
            QdrantClusterSnapshot.class,
            QdrantClusterScheduledSnapshot.class,
            QdrantClusterRestore.class,
            QdrantCloudRegion.class,
            QdrantEntity.class,
            QdrantRelease.class);

    /** Labels required on QdrantClusters and their backup resources, and put on every pod. */
    public static final class Labels {
        public static final String CLUSTER_ID = "cluster-id";
        public static final String CUSTOMER_ID = "customer-id";
        public static final String APP = "app";
        public static final String APP_QDRANT = "qdrant";

        private Labels() {
        }
    }

    /** Annotations that trigger operator actions. */
    public static final class Annotations {
        /**
         * RFC 3339 time on a QdrantCluster; setting or changing it restarts the pods. For historical reasons
         * the key has no operator.qdrant.com/ prefix.
         */
        public static final String RESTARTED_AT = "restartedAt";
        /** RFC 3339 time on a QdrantCluster; triggers an on-demand-replication restart. */
        public static final String ON_DEMAND_REPLICATION_RESTART = "operator.qdrant.com/on-demand-replication-restart";
        /** On a pod: recreate that node with a new volume. */
        public static final String RECREATE_NODE = "operator.qdrant.com/recreate-node";
        /** On a QdrantCluster: reinitialise consensus; the value is ignored. */
        public static final String REINIT = "operator.qdrant.com/reinit";
        /** On a QdrantCluster: the node to bootstrap consensus from, when the detected one is in bad state. */
        public static final String BOOTSTRAP_NODE = "operator.qdrant.com/bootstrap-node";
        /** On any qdrant.io resource: the operator version it was written for. */
        public static final String OPERATOR_VERSION = "operator.qdrant.com/version";

        private Annotations() {
        }
    }

    private QdrantApi() {
    }
}
