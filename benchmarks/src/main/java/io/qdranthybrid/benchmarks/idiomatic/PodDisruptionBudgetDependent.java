package io.qdranthybrid.benchmarks.idiomatic;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.qdranthybrid.crd.QdrantCluster;

/** At most one Qdrant pod voluntarily down at a time, as the Helm chart's PDB. */
public final class PodDisruptionBudgetDependent extends CRUDKubernetesDependentResource<PodDisruptionBudget, QdrantCluster> {

    public PodDisruptionBudgetDependent() {
        super(PodDisruptionBudget.class);
    }

    @Override
    protected PodDisruptionBudget desired(QdrantCluster cluster, Context<QdrantCluster> context) {
        return new PodDisruptionBudgetBuilder()
                .withNewMetadata().withName(QdrantLabels.name(cluster)).withNamespace(cluster.getMetadata().getNamespace())
                .withLabels(QdrantLabels.selector(cluster)).endMetadata()
                .withNewSpec()
                .withMaxUnavailable(new IntOrString(1))
                .withNewSelector().withMatchLabels(QdrantLabels.selector(cluster)).endSelector()
                .endSpec()
                .build();
    }
}
