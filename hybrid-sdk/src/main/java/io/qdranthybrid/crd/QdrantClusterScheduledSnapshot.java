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

/** A backup schedule: creates a QdrantClusterSnapshot on a cron schedule and expires them by retention. */
@Group(QdrantApi.GROUP)
@Version(QdrantApi.VERSION)
@Kind("QdrantClusterScheduledSnapshot")
@Plural("qdrantclusterscheduledsnapshots")
@Singular("qdrantclusterscheduledsnapshot")
@ShortNames({"qcssnap", "qcssnaps"})
@AdditionalPrinterColumn(name = "clusterid", jsonPath = ".spec.cluster-id")
@AdditionalPrinterColumn(name = "scheduleShortId", jsonPath = ".spec.scheduleShortId")
@AdditionalPrinterColumn(name = "schedule", jsonPath = ".spec.schedule")
@AdditionalPrinterColumn(name = "retention", jsonPath = ".spec.retention")
@AdditionalPrinterColumn(name = "scheduled", jsonPath = ".status.scheduled")
@AdditionalPrinterColumn(name = "age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class QdrantClusterScheduledSnapshot
        extends CustomResource<QdrantClusterScheduledSnapshotSpec, QdrantClusterScheduledSnapshotStatus>
        implements Namespaced {
}
