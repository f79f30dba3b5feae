package io.qdranthybrid.operator;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.crd.KubernetesPod;
import io.qdranthybrid.crd.KubernetesStatefulSet;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.crd.QdrantSecurityContext;
import io.qdranthybrid.crd.Storage;
import io.qdranthybrid.operator.cluster.ClusterLifecycle;
import io.qdranthybrid.reconcile.Conditions;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The operator's pod policy on a running (simulated) cluster: a hostile spec creates nothing, a plain one runs hardened. */
class PodPolicyOnSimulatedClusterTest extends OnSimulatedCluster {

    @Override
    String namespacePrefix() {
        return "podpolicy";
    }

    @Test
    void aClusterAskingForRootAHostPathAndTheAgentsKeyCreatesNothingAndSaysWhichSettingWouldAllowIt() {
        harness.create("evil", 1, "v1.12.3", spec -> {
            QdrantSecurityContext security = new QdrantSecurityContext();
            security.setUser(0L);
            spec.setSecurity(security);
            Storage storage = new Storage();
            storage.setAdditionalVolumes(List.of(new VolumeBuilder().withName("host").withNewHostPath("/", null).build()));
            spec.setStorage(storage);
            KubernetesPod pods = new KubernetesPod();
            pods.setExtraEnv(List.of(new EnvVarBuilder().withName("KEY").withNewValueFrom().withNewSecretKeyRef()
                    .withName("qdrant-cloud-creds").withKey("access-key").endSecretKeyRef().endValueFrom().build()));
            KubernetesStatefulSet statefulSet = new KubernetesStatefulSet();
            statefulSet.setPods(pods);
            spec.setStatefulSet(statefulSet);
        });

        harness.awaitPhase("evil", ClusterPhase.FAILED_TO_CREATE, CONVERGE);

        QdrantCluster refused = harness.get("evil");
        assertThat(Conditions.find(refused.getStatus().getConditions(), ClusterLifecycle.CONDITION_ALLOWED))
                .hasValueSatisfying(c -> {
                    assertThat(c.getStatus()).isEqualTo("False");
                    assertThat(c.getReason()).isEqualTo("RefusedByPodPolicy");
                    assertThat(c.getMessage())
                            .contains("spec.security.user: 0 (root) is not allowed (allowed by qdrant.operator.policy.allow-root-user)")
                            .contains("spec.storage.additionalVolumes[0].hostPath")
                            .contains("qdrant.operator.policy.allowed-volume-types")
                            .contains("spec.statefulSet.pods.extraEnv[0].valueFrom.secretKeyRef.name");
                });
        assertThat(cluster.client().apps().statefulSets().inNamespace(harness.namespace).list().getItems()).isEmpty();
        assertThat(cluster.client().services().inNamespace(harness.namespace).list().getItems()).isEmpty();
        assertThat(cluster.client().configMaps().inNamespace(harness.namespace).withName("qdrant-evil").get()).isNull();
    }

    @Test
    void qdrantPodsRunNonRootWithoutCapabilitiesAndAnEditAskingForRootChangesNothing() {
        harness.create("plain", 1, "v1.12.3");
        harness.awaitPhase("plain", ClusterPhase.HEALTHY, CONVERGE);

        Pod pod = harness.pods("plain").get(0);
        Container qdrant = pod.getSpec().getContainers().get(0);
        assertThat(qdrant.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(qdrant.getSecurityContext().getRunAsUser()).isEqualTo(1000L);
        assertThat(qdrant.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(qdrant.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(qdrant.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(pod.getSpec().getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        String templateBefore = cluster.client().apps().statefulSets().inNamespace(harness.namespace)
                .withName("qdrant-plain").get().getMetadata().getResourceVersion();

        harness.edit("plain", qc -> {
            QdrantSecurityContext security = new QdrantSecurityContext();
            security.setUser(0L);
            qc.getSpec().setSecurity(security);
        });

        harness.awaitPhase("plain", ClusterPhase.FAILED_TO_UPDATE, CONVERGE);
        assertThat(cluster.client().apps().statefulSets().inNamespace(harness.namespace).withName("qdrant-plain").get()
                .getMetadata().getResourceVersion()).isEqualTo(templateBefore);
    }
}
