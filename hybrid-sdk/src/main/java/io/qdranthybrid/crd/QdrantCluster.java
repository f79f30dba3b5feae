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

/** A Qdrant database cluster: the operator turns it into a StatefulSet, Services, a ConfigMap and more. */
@Group(QdrantApi.GROUP)
@Version(QdrantApi.VERSION)
@Kind("QdrantCluster")
@Plural("qdrantclusters")
@Singular("qdrantcluster")
@ShortNames({"qc", "qcs"})
@AdditionalPrinterColumn(name = "Nodes", jsonPath = ".spec.size", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Version", jsonPath = ".spec.version")
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class QdrantCluster extends CustomResource<QdrantClusterSpec, QdrantClusterStatus> implements Namespaced {
}
