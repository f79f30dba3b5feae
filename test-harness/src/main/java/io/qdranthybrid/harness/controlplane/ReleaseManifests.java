package io.qdranthybrid.harness.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.qdranthybrid.crd.QdrantApi;
import io.qdranthybrid.crd.QdrantRelease;
import io.qdranthybrid.crd.QdrantReleaseSpec;
import io.qdranthybrid.platform.release.Release;

import java.util.Map;

/** The QdrantRelease objects the control plane publishes, one per release, named after its version. Pure. */
final class ReleaseManifests {

    private ReleaseManifests() {
    }

    /** {@code v1.12.3}: a valid object name as it is (DNS subdomain: lower-case letters, digits, '.' and '-'). */
    static String name(Release release) {
        return release.version().toString();
    }

    static JsonNode manifest(Release release, String namespace, String customerId) {
        QdrantRelease object = new QdrantRelease();
        object.setMetadata(new ObjectMetaBuilder().withName(name(release)).withNamespace(namespace)
                .withLabels(Map.of(QdrantApi.Labels.CUSTOMER_ID, customerId)).build());
        QdrantReleaseSpec spec = new QdrantReleaseSpec();
        spec.setVersion(release.version().toString());
        spec.setDefaultRelease(release.isDefault());
        spec.setUnavailable(release.unavailable());
        spec.setEndOfLife(release.endOfLife());
        if (!release.remarks().isEmpty()) {
            spec.setRemarks(release.remarks());
        }
        if (!release.releaseNotesUrl().isEmpty()) {
            spec.setReleaseNotesURL(release.releaseNotesUrl());
        }
        object.setSpec(spec);
        return ClusterManifests.toJson(object);
    }
}
