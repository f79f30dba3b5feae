package io.qdranthybrid.crd;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** A backup of a QdrantCluster: one CSI VolumeSnapshot of every node's database volume. */
@Group(QdrantApi.GROUP)
@Version(QdrantApi.VERSION)
@Kind("QdrantClusterSnapshot")
@Plural("qdrantclustersnapshots")
@Singular("qdrantclustersnapshot")
@ShortNames({"qcsnap", "qcsnaps"})
@AdditionalPrinterColumn(name = "clusterid", jsonPath = ".spec.cluster-id")
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase")
@AdditionalPrinterColumn(name = "retainUntil", jsonPath = ".status.retainUntil")
@AdditionalPrinterColumn(name = "completion-time", jsonPath = ".status.completionTime")
@AdditionalPrinterColumn(name = "age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class QdrantClusterSnapshot extends CustomResource<QdrantClusterSnapshotSpec, QdrantClusterSnapshotStatus>
        implements Namespaced {
}
