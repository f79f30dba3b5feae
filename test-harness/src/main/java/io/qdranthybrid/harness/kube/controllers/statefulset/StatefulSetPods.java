package io.qdranthybrid.harness.kube.controllers.statefulset;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Pure functions from a StatefulSet to the identities and objects of its members: pod names and
 * ordinals, pods built from a revision's template, and the claims of an ordinal.
 */
public final class StatefulSetPods {

    public static final String REVISION_LABEL = "controller-revision-hash";
    public static final String POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";
    public static final String POD_INDEX_LABEL = "apps.kubernetes.io/pod-index";

    private StatefulSetPods() {
    }

    public static String podName(StatefulSet set, int ordinal) {
        return set.getMetadata().getName() + "-" + ordinal;
    }

    public static String claimName(PersistentVolumeClaim template, StatefulSet set, int ordinal) {
        return template.getMetadata().getName() + "-" + podName(set, ordinal);
    }

    /** The ordinal of a pod named {@code <set>-<ordinal>}, or empty for a name not of this set. */
    public static OptionalInt ordinalOf(StatefulSet set, String podName) {
        String prefix = set.getMetadata().getName() + "-";
        if (!podName.startsWith(prefix)) {
            return OptionalInt.empty();
        }
        String digits = podName.substring(prefix.length());
        if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(Character::isDigit)
                || (digits.length() > 1 && digits.charAt(0) == '0')) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Integer.parseInt(digits));
    }

    public static int replicas(StatefulSet set) {
        Integer replicas = set.getSpec().getReplicas();
        return replicas == null ? 1 : replicas;
    }

    /** The first ordinal (spec.ordinals.start, 0 by default). */
    public static int firstOrdinal(StatefulSet set) {
        var ordinals = set.getSpec().getOrdinals();
        return ordinals == null || ordinals.getStart() == null ? 0 : ordinals.getStart();
    }

    public static boolean isParallel(StatefulSet set) {
        return "Parallel".equals(set.getSpec().getPodManagementPolicy());
    }

    public static boolean isOnDelete(StatefulSet set) {
        var strategy = set.getSpec().getUpdateStrategy();
        return strategy != null && "OnDelete".equals(strategy.getType());
    }

    public static int partition(StatefulSet set) {
        var strategy = set.getSpec().getUpdateStrategy();
        if (strategy == null || strategy.getRollingUpdate() == null || strategy.getRollingUpdate().getPartition() == null) {
            return 0;
        }
        return strategy.getRollingUpdate().getPartition();
    }

    public static List<PersistentVolumeClaim> claimTemplates(StatefulSet set) {
        return set.getSpec().getVolumeClaimTemplates() == null ? List.of() : set.getSpec().getVolumeClaimTemplates();
    }

    public static boolean deletesClaimsWhenDeleted(StatefulSet set) {
        var policy = set.getSpec().getPersistentVolumeClaimRetentionPolicy();
        return policy != null && "Delete".equals(policy.getWhenDeleted());
    }

    public static boolean deletesClaimsWhenScaled(StatefulSet set) {
        var policy = set.getSpec().getPersistentVolumeClaimRetentionPolicy();
        return policy != null && "Delete".equals(policy.getWhenScaled());
    }

    public static OwnerReference ownerReference(StatefulSet set, boolean controller) {
        return new OwnerReferenceBuilder()
                .withApiVersion("apps/v1")
                .withKind("StatefulSet")
                .withName(set.getMetadata().getName())
                .withUid(set.getMetadata().getUid())
                .withController(controller ? Boolean.TRUE : null)
                .withBlockOwnerDeletion(true)
                .build();
    }

    /** The pod of {@code ordinal} built from {@code template}, the template of revision {@code revisionName}. */
    public static Pod newPod(StatefulSet set, int ordinal, String revisionName, PodTemplateSpec template) {
        String name = podName(set, ordinal);
        ObjectMeta templateMeta = template.getMetadata() == null ? new ObjectMeta() : template.getMetadata();
        Map<String, String> labels = new LinkedHashMap<>();
        if (templateMeta.getLabels() != null) {
            labels.putAll(templateMeta.getLabels());
        }
        labels.put(REVISION_LABEL, revisionName);
        labels.put(POD_NAME_LABEL, name);
        labels.put(POD_INDEX_LABEL, Integer.toString(ordinal));

        // The builder copies the template's spec deeply, so the cached StatefulSet is never mutated.
        PodSpec spec = new PodSpecBuilder(template.getSpec())
                .withHostname(name)
                .withSubdomain(set.getSpec().getServiceName())
                .withVolumes(volumesWithClaims(set, ordinal, template.getSpec().getVolumes()))
                .build();
        return new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(set.getMetadata().getNamespace())
                .withLabels(labels)
                .withAnnotations(templateMeta.getAnnotations())
                .withOwnerReferences(ownerReference(set, true))
                .endMetadata()
                .withSpec(spec)
                .build();
    }

    /** The claims of {@code ordinal}; owned by the set when its retention policy deletes them with it. */
    public static List<PersistentVolumeClaim> newClaims(StatefulSet set, int ordinal) {
        List<PersistentVolumeClaim> claims = new ArrayList<>();
        Map<String, String> selectorLabels = set.getSpec().getSelector() == null
                || set.getSpec().getSelector().getMatchLabels() == null
                ? Map.of() : set.getSpec().getSelector().getMatchLabels();
        for (PersistentVolumeClaim template : claimTemplates(set)) {
            Map<String, String> labels = new LinkedHashMap<>();
            if (template.getMetadata().getLabels() != null) {
                labels.putAll(template.getMetadata().getLabels());
            }
            labels.putAll(selectorLabels);
            PersistentVolumeClaimBuilder claim = new PersistentVolumeClaimBuilder()
                    .withNewMetadata()
                    .withName(claimName(template, set, ordinal))
                    .withNamespace(set.getMetadata().getNamespace())
                    .withLabels(labels)
                    .withAnnotations(template.getMetadata().getAnnotations())
                    .endMetadata()
                    .withSpec(template.getSpec());
            if (deletesClaimsWhenDeleted(set)) {
                claim.editMetadata().withOwnerReferences(ownerReference(set, false)).endMetadata();
            }
            claims.add(claim.build());
        }
        return claims;
    }

    /** The template's volumes with one persistentVolumeClaim volume per claim template (replacing same-named ones). */
    private static List<Volume> volumesWithClaims(StatefulSet set, int ordinal, List<Volume> templateVolumes) {
        List<Volume> volumes = new ArrayList<>();
        List<PersistentVolumeClaim> claimTemplates = claimTemplates(set);
        if (templateVolumes != null) {
            for (Volume volume : templateVolumes) {
                boolean replaced = claimTemplates.stream()
                        .anyMatch(t -> t.getMetadata().getName().equals(volume.getName()));
                if (!replaced) {
                    volumes.add(volume);
                }
            }
        }
        for (PersistentVolumeClaim template : claimTemplates) {
            volumes.add(new VolumeBuilder()
                    .withName(template.getMetadata().getName())
                    .withNewPersistentVolumeClaim()
                    .withClaimName(claimName(template, set, ordinal))
                    .endPersistentVolumeClaim()
                    .build());
        }
        return volumes;
    }
}
