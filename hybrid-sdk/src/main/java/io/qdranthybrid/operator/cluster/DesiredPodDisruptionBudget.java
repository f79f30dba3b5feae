package io.qdranthybrid.operator.cluster;

import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetSpec;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetSpecBuilder;

/** {@code qdrant-<id>}: voluntary evictions (node drains) take at most what the budget allows at a time. */
public final class DesiredPodDisruptionBudget {

    private DesiredPodDisruptionBudget() {
    }

    public static PodDisruptionBudget build(ClusterContext ctx) {
        ClusterNames names = ctx.names();
        PodDisruptionBudgetSpec base = ctx.spec().getPodDisruptionBudget() != null
                ? ctx.spec().getPodDisruptionBudget() : ctx.defaults().podDisruptionBudget();
        // The selector is always the cluster's pods, whatever the spec says, so a budget cannot cover others.
        PodDisruptionBudgetSpec spec = new PodDisruptionBudgetSpecBuilder(base)
                .withNewSelector().withMatchLabels(names.selector()).endSelector()
                .build();
        return new PodDisruptionBudgetBuilder()
                .withNewMetadata().withName(names.podDisruptionBudget()).withNamespace(ctx.namespace())
                    .withLabels(names.labels()).withOwnerReferences(ctx.ownerReference()).endMetadata()
                .withSpec(spec)
                .build();
    }
}
