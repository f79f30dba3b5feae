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

/** A Qdrant version offered to clusters (a management resource; it has no status). */
@Group(QdrantApi.GROUP)
@Version(QdrantApi.VERSION)
@Kind("QdrantRelease")
@Plural("qdrantreleases")
@Singular("qdrantrelease")
@ShortNames({"qr", "qrs"})
@AdditionalPrinterColumn(name = "Version", jsonPath = ".spec.version")
@AdditionalPrinterColumn(name = "Default", jsonPath = ".spec.default", type = AdditionalPrinterColumn.Type.BOOLEAN)
@AdditionalPrinterColumn(name = "Unavailable", jsonPath = ".spec.unavailable", type = AdditionalPrinterColumn.Type.BOOLEAN)
@AdditionalPrinterColumn(name = "EndOfLife", jsonPath = ".spec.endOfLife", type = AdditionalPrinterColumn.Type.BOOLEAN)
public class QdrantRelease extends CustomResource<QdrantReleaseSpec, Void> implements Namespaced {
}
