package io.qdranthybrid.harness.cluster;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionCondition;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.qdranthybrid.crd.QdrantApi;
import io.qdranthybrid.harness.kube.CustomResourceDefinitions;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The qdrant.io/v1 CRDs as generated into the hybrid-sdk jar, and their installation into a cluster. */
public final class QdrantCrds {

    private QdrantCrds() {
    }

    /** Every qdrant.io/v1 CRD, read from the hybrid-sdk jar. */
    public static List<CustomResourceDefinition> load() {
        return QdrantApi.KINDS.stream().map(QdrantCrds::load).toList();
    }

    /** The CRD of one kind, read from the hybrid-sdk jar (the same file as in {@code crds/}); a fresh copy. */
    public static CustomResourceDefinition load(Class<? extends CustomResource<?, ?>> kind) {
        String resource = "META-INF/fabric8/" + CustomResource.getCRDName(kind) + "-v1.yml";
        try {
            return CustomResourceDefinitions.fromResource(resource);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("CRD " + resource + " is not on the classpath; is hybrid-sdk built?", e);
        }
    }

    /** Creates or updates every CRD and waits until each is Established, i.e. served by the API server. */
    public static void install(KubernetesClient client, Duration timeout) {
        install(client, load(), timeout);
    }

    /** Creates or updates these CRDs (of any group) and waits until each is Established. */
    public static void install(KubernetesClient client, List<CustomResourceDefinition> crds, Duration timeout) {
        for (CustomResourceDefinition crd : crds) {
            client.apiextensions().v1().customResourceDefinitions().resource(crd).createOr(NonDeletingOperation::update);
        }
        for (CustomResourceDefinition crd : crds) {
            client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
                    .waitUntilCondition(QdrantCrds::established, timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static boolean established(CustomResourceDefinition crd) {
        if (crd == null || crd.getStatus() == null || crd.getStatus().getConditions() == null) {
            return false;
        }
        return crd.getStatus().getConditions().stream()
                .anyMatch((CustomResourceDefinitionCondition c) -> "Established".equals(c.getType())
                        && "True".equals(c.getStatus()));
    }
}
