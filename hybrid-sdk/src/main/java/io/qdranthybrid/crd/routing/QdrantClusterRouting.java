package io.qdranthybrid.crd.routing;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;
import io.qdranthybrid.crd.OptionalQdrantApis;
import io.qdranthybrid.crd.schema.SpecRequired;

/** Routing of external traffic to a Qdrant cluster (optional routing.qdrant.io group). */
@Group(OptionalQdrantApis.ROUTING_GROUP)
@Version(OptionalQdrantApis.VERSION)
@Kind("QdrantClusterRouting")
@Plural("qdrantclusterroutes")
@Singular("qdrantclusterroute")
@ShortNames({"qcrt", "qcrts"})
@SpecRequired
@AdditionalPrinterColumn(name = "Enabled", jsonPath = ".spec.enabled", type = AdditionalPrinterColumn.Type.BOOLEAN)
@AdditionalPrinterColumn(name = "Shared", jsonPath = ".spec.shared", type = AdditionalPrinterColumn.Type.BOOLEAN)
@AdditionalPrinterColumn(name = "Dedicated", jsonPath = ".spec.dedicated", type = AdditionalPrinterColumn.Type.BOOLEAN)
@AdditionalPrinterColumn(name = "Bootstrapped", jsonPath = ".status.bootstrapped")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class QdrantClusterRouting extends CustomResource<QdrantClusterRoutingSpec, QdrantClusterRoutingStatus>
        implements Namespaced {
}
