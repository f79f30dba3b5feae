package io.qdranthybrid.harness.kube.controllers.statefulset;

import io.qdranthybrid.harness.kube.controllers.SimulatedControllerTestCluster;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StatefulSetPodsTest {

    private static StatefulSet set() {
        return new StatefulSetBuilder(SimulatedControllerTestCluster.statefulSet("web", 3).build())
                .editMetadata().withUid("set-uid").endMetadata()
                .editSpec()
                .addToVolumeClaimTemplates(new PersistentVolumeClaimBuilder().withNewMetadata().withName("data")
                        .addToLabels("tier", "storage").endMetadata().build())
                .editTemplate().editSpec()
                .addNewVolume().withName("data").withNewEmptyDir().endEmptyDir().endVolume()
                .addNewVolume().withName("scratch").withNewEmptyDir().endEmptyDir().endVolume()
                .endSpec().endTemplate()
                .endSpec().build();
    }

    @Test
    void ordinalIsParsedOnlyFromNamesOfThisSet() {
        StatefulSet set = set();
        assertThat(StatefulSetPods.ordinalOf(set, "web-0")).hasValue(0);
        assertThat(StatefulSetPods.ordinalOf(set, "web-12")).hasValue(12);
        assertThat(StatefulSetPods.ordinalOf(set, "web-01")).isEmpty();
        assertThat(StatefulSetPods.ordinalOf(set, "web-x")).isEmpty();
        assertThat(StatefulSetPods.ordinalOf(set, "web-")).isEmpty();
        assertThat(StatefulSetPods.ordinalOf(set, "webby-1")).isEmpty();
    }

    @Test
    void podVolumeNamedLikeAClaimTemplateIsReplacedByTheOrdinalsClaim() {
        Pod pod = StatefulSetPods.newPod(set(), 2, "web-abc", set().getSpec().getTemplate());

        assertThat(pod.getSpec().getVolumes()).extracting(v -> v.getName()).containsExactly("scratch", "data");
        assertThat(pod.getSpec().getVolumes().get(1).getPersistentVolumeClaim().getClaimName()).isEqualTo("data-web-2");
        assertThat(pod.getMetadata().getLabels()).containsEntry("apps.kubernetes.io/pod-index", "2")
                .containsEntry("controller-revision-hash", "web-abc");
    }

    @Test
    void buildingAPodLeavesTheStatefulSetUntouched() {
        StatefulSet set = set();
        StatefulSetPods.newPod(set, 0, "web-abc", set.getSpec().getTemplate());

        assertThat(set.getSpec().getTemplate().getSpec().getHostname()).isNull();
        assertThat(set.getSpec().getTemplate().getSpec().getVolumes()).hasSize(2);
    }

    @Test
    void claimsCarryTemplateAndSelectorLabelsAndAreOwnedOnlyUnderDeleteRetention() {
        assertThat(StatefulSetPods.newClaims(set(), 1)).singleElement().satisfies(claim -> {
            assertThat(claim.getMetadata().getName()).isEqualTo("data-web-1");
            assertThat(claim.getMetadata().getLabels()).containsEntry("tier", "storage").containsEntry("app", "web");
            assertThat(claim.getMetadata().getOwnerReferences()).isEmpty();
        });
        StatefulSet deleting = new StatefulSetBuilder(set()).editSpec().withNewPersistentVolumeClaimRetentionPolicy()
                .withWhenDeleted("Delete").endPersistentVolumeClaimRetentionPolicy().endSpec().build();
        assertThat(StatefulSetPods.newClaims(deleting, 1).get(0).getMetadata().getOwnerReferences())
                .singleElement().satisfies(ref -> assertThat(ref.getUid()).isEqualTo("set-uid"));
    }

    @Test
    void templateHashIgnoresMapOrderButNotContent() {
        Map<String, String> ab = new LinkedHashMap<>();
        ab.put("a", "1");
        ab.put("b", "2");
        Map<String, String> ba = new LinkedHashMap<>();
        ba.put("b", "2");
        ba.put("a", "1");
        PodTemplateSpec first = new PodTemplateSpecBuilder(set().getSpec().getTemplate())
                .editMetadata().withLabels(ab).endMetadata().build();
        PodTemplateSpec second = new PodTemplateSpecBuilder(set().getSpec().getTemplate())
                .editMetadata().withLabels(ba).endMetadata().build();
        PodTemplateSpec changed = new PodTemplateSpecBuilder(first).editSpec().editFirstContainer()
                .addToEnv(new EnvVar("X", "1", null)).endContainer().endSpec().build();

        assertThat(PodTemplateHash.of(first)).isEqualTo(PodTemplateHash.of(second)).matches("[bcdfghjklmnpqrstvwxz2456789]+");
        assertThat(PodTemplateHash.of(changed)).isNotEqualTo(PodTemplateHash.of(first));
    }
}
