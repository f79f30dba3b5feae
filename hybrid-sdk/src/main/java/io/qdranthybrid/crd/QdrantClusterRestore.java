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

/** A restore of a QdrantClusterSnapshot into the existing cluster or a new one. */
@Group(QdrantApi.GROUP)
@Version(QdrantApi.VERSION)
@Kind("QdrantClusterRestore")
@Plural("qdrantclusterrestores")
@Singular("qdrantclusterrestore")
@ShortNames({"qcrs", "qcr"})
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class QdrantClusterRestore extends CustomResource<QdrantClusterRestoreSpec, QdrantClusterRestoreStatus>
        implements Namespaced {
}
