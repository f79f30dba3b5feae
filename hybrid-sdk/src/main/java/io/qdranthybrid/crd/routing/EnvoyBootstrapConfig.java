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

/** Bootstrap configuration of the Envoy proxy in front of a cluster (optional routing.qdrant.io group). */
@Group(OptionalQdrantApis.ROUTING_GROUP)
@Version(OptionalQdrantApis.VERSION)
@Kind("EnvoyBootstrapConfig")
@Plural("envoybootstrapconfigs")
@Singular("envoybootstrapconfig")
@ShortNames({"ebc", "ebcs"})
@AdditionalPrinterColumn(name = "ClusterID", jsonPath = ".spec.clusterID")
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.ready", type = AdditionalPrinterColumn.Type.BOOLEAN)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class EnvoyBootstrapConfig extends CustomResource<EnvoyBootstrapConfigSpec, EnvoyBootstrapConfigStatus>
        implements Namespaced {
}
