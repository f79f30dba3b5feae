package io.qdranthybrid.benchmarks.idiomatic;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.crd.Resources;

import java.util.Map;

/**
 * The Qdrant StatefulSet as the Helm chart writes it: pods started in parallel, node 0 bootstraps consensus and the
 * others join through it ({@code templates/statefulset.yaml} and {@code initialize.sh} of qdrant-helm), a volume per
 * pod for storage and one for snapshots (the chart's snapshot persistence, which the QdrantCluster model always has),
 * the ConfigMap's production.yaml mounted as Qdrant's config.
 */
public final class StatefulSetDependent extends CRUDKubernetesDependentResource<StatefulSet, QdrantCluster> {

    public StatefulSetDependent() {
        super(StatefulSet.class);
    }

    @Override
    protected StatefulSet desired(QdrantCluster cluster, Context<QdrantCluster> context) {
        String name = QdrantLabels.name(cluster);
        String peerDomain = QdrantLabels.headless(cluster) + ":" + QdrantLabels.P2P;
        String script = "if [ \"${HOSTNAME}\" = \"" + name + "-0\" ]; then exec ./entrypoint.sh --uri \"http://${HOSTNAME}."
                + peerDomain + "\"; else exec ./entrypoint.sh --bootstrap \"http://" + name + "-0." + peerDomain
                + "\" --uri \"http://${HOSTNAME}." + peerDomain + "\"; fi";
        Resources resources = cluster.getSpec().getResources();
        Map<String, Quantity> compute = Map.of("cpu", new Quantity(resources.getCpu()),
                "memory", new Quantity(resources.getMemory()));
        return new StatefulSetBuilder()
                .withNewMetadata().withName(name).withNamespace(cluster.getMetadata().getNamespace())
                .withLabels(QdrantLabels.selector(cluster)).endMetadata()
                .withNewSpec()
                .withReplicas(cluster.getSpec().getSize())
                .withServiceName(QdrantLabels.headless(cluster))
                .withPodManagementPolicy("Parallel")
                .withNewSelector().withMatchLabels(QdrantLabels.selector(cluster)).endSelector()
                .withNewTemplate()
                .withNewMetadata().withLabels(QdrantLabels.podLabels(cluster)).endMetadata()
                .withNewSpec()
                .withContainers(new ContainerBuilder()
                        .withName("qdrant")
                        .withImage("qdrant/qdrant:" + cluster.getSpec().getVersion())
                        .withCommand("/bin/bash", "-c")
                        .withArgs(script)
                        .withPorts(new ContainerPortBuilder().withName("http").withContainerPort(QdrantLabels.HTTP).build(),
                                new ContainerPortBuilder().withName("grpc").withContainerPort(QdrantLabels.GRPC).build(),
                                new ContainerPortBuilder().withName("p2p").withContainerPort(QdrantLabels.P2P).build())
                        .withResources(new ResourceRequirementsBuilder().withRequests(compute).withLimits(compute).build())
                        .withReadinessProbe(new ProbeBuilder().withNewHttpGet().withPath("/readyz")
                                .withNewPort(QdrantLabels.HTTP).endHttpGet().withPeriodSeconds(5).build())
                        .withVolumeMounts(new VolumeMountBuilder().withName("qdrant-storage").withMountPath("/qdrant/storage").build(),
                                new VolumeMountBuilder().withName("qdrant-snapshots").withMountPath("/qdrant/snapshots").build(),
                                new VolumeMountBuilder().withName("qdrant-config").withMountPath("/qdrant/config/production.yaml")
                                        .withSubPath("production.yaml").build())
                        .build())
                .withVolumes(new VolumeBuilder().withName("qdrant-config").withNewConfigMap().withName(name).endConfigMap().build())
                .endSpec()
                .endTemplate()
                .withVolumeClaimTemplates(claim("qdrant-storage", resources), claim("qdrant-snapshots", resources))
                .endSpec()
                .build();
    }

    private static PersistentVolumeClaim claim(String name, Resources resources) {
        return new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withAccessModes("ReadWriteOnce")
                .withNewResources().withRequests(Map.of("storage", new Quantity(resources.getStorage()))).endResources()
                .endSpec()
                .build();
    }
}
