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

/** A generic object synchronised from the control plane and reconciled by a manager that knows its type. */
@Group(QdrantApi.GROUP)
@Version(QdrantApi.VERSION)
@Kind("QdrantEntity")
@Plural("qdrantentities")
@Singular("qdrantentity")
@ShortNames({"qe"})
@AdditionalPrinterColumn(name = "EntityType", jsonPath = ".spec.entityType")
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class QdrantEntity extends CustomResource<QdrantEntitySpec, QdrantEntityStatus> implements Namespaced {
}
