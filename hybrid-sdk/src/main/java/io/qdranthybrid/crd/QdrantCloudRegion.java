package io.qdranthybrid.crd;

import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** A hybrid cloud environment ("region"), cluster-scoped: its components and the cluster's capabilities. */
@Group(QdrantApi.GROUP)
@Version(QdrantApi.VERSION)
@Kind("QdrantCloudRegion")
@Plural("qdrantcloudregions")
@Singular("qdrantcloudregion")
@ShortNames({"region", "regions"})
@AdditionalPrinterColumn(name = "K8s Version", jsonPath = ".status.k8sVersion")
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
@PreserveUnknownFields
public class QdrantCloudRegion extends CustomResource<QdrantCloudRegionSpec, QdrantCloudRegionStatus> {
}
