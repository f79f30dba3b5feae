package io.qdranthybrid.harness.kube.controllers.statefulset;

import io.qdranthybrid.harness.kube.controllers.machinery.ReconcileFailedException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.ControllerRevisionBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.HttpURLConnection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The ControllerRevisions of a StatefulSet, as the real controller keeps them: one per distinct pod
 * template, named {@code <set>-<hash>}, holding the template so that pods of an older revision (below
 * a rollout partition) can be recreated exactly, and pruned beyond spec.revisionHistoryLimit.
 */
final class StatefulSetRevisions {

    private static final Logger LOG = LoggerFactory.getLogger(StatefulSetRevisions.class);
    private static final String HASH_LABEL = "controller.kubernetes.io/hash";
    private static final int DEFAULT_HISTORY_LIMIT = 10;

    private final KubernetesClient client;
    private final KubernetesSerialization serialization;
    /**
     * The revision name of each set's template by uid, valid for one generation: the template changes only with
     * the spec, and hashing it serialises the whole template on every reconcile otherwise. Bounded, so the names
     * of deleted sets age out.
     */
    private final Map<String, NamedGeneration> names = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, NamedGeneration> eldest) {
                    return size() > NAMES_REMEMBERED;
                }
            });
    private static final int NAMES_REMEMBERED = 10_000;

    private record NamedGeneration(Long generation, String name) {
    }

    StatefulSetRevisions(KubernetesClient client) {
        this.client = client;
        this.serialization = client.getKubernetesSerialization();
    }

    static String revisionName(StatefulSet set, PodTemplateSpec template) {
        return set.getMetadata().getName() + "-" + PodTemplateHash.of(template);
    }

    private String updateRevisionName(StatefulSet set) {
        String uid = set.getMetadata().getUid();
        Long generation = set.getMetadata().getGeneration();
        NamedGeneration known = uid == null ? null : names.get(uid);
        if (known != null && generation != null && generation.equals(known.generation())) {
            return known.name();
        }
        String name = revisionName(set, set.getSpec().getTemplate());
        if (uid != null) {
            names.put(uid, new NamedGeneration(generation, name));
        }
        return name;
    }

    /** The revision of the set's current template, created (or made newest again on rollback) if needed. */
    ControllerRevision ensureUpdateRevision(StatefulSet set, List<ControllerRevision> existing) {
        String name = updateRevisionName(set);
        long newest = existing.stream().mapToLong(r -> r.getRevision() == null ? 0 : r.getRevision()).max().orElse(0);
        Optional<ControllerRevision> found = existing.stream()
                .filter(r -> name.equals(r.getMetadata().getName())).findFirst();
        if (found.isPresent()) {
            ControllerRevision revision = found.get();
            if (revision.getRevision() != null && revision.getRevision() == newest) {
                return revision;
            }
            ControllerRevision renumbered = new ControllerRevisionBuilder(revision).withRevision(newest + 1).build();
            return client.resource(renumbered).update();
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (set.getSpec().getSelector() != null && set.getSpec().getSelector().getMatchLabels() != null) {
            labels.putAll(set.getSpec().getSelector().getMatchLabels());
        }
        labels.put(HASH_LABEL, name.substring(set.getMetadata().getName().length() + 1));
        // Stored like the real controller: a strategic-merge patch that replaces the whole template.
        ObjectNode templateData = serialization.convertValue(set.getSpec().getTemplate(), ObjectNode.class);
        templateData.put("$patch", "replace");
        ControllerRevision revision = new ControllerRevisionBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(set.getMetadata().getNamespace())
                .withLabels(labels)
                .withOwnerReferences(StatefulSetPods.ownerReference(set, true))
                .endMetadata()
                .withRevision(newest + 1)
                .withData(Map.of("spec", Map.of("template", templateData)))
                .build();
        try {
            ControllerRevision created = client.resource(revision).create();
            LOG.info("statefulset {}/{}: new revision {} ({})", set.getMetadata().getNamespace(),
                    set.getMetadata().getName(), name, newest + 1);
            return created;
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                // Created by our previous reconcile, not yet in the informer cache.
                return revision;
            }
            throw e;
        }
    }

    /** The pod template a revision holds. */
    PodTemplateSpec template(ControllerRevision revision) {
        JsonNode data = revision.getData() == null ? null : serialization.convertValue(revision.getData(), JsonNode.class);
        JsonNode template = data == null ? null : data.path("spec").path("template");
        if (template == null || !template.isObject()) {
            throw new ReconcileFailedException("ControllerRevision " + revision.getMetadata().getNamespace() + "/"
                    + revision.getMetadata().getName() + " holds no spec.template in its data: " + data);
        }
        ObjectNode copy = ((ObjectNode) template).deepCopy();
        copy.remove("$patch");
        return serialization.convertValue(copy, PodTemplateSpec.class);
    }

    /** Deletes the oldest revisions that no pod uses, beyond the set's history limit. */
    void prune(StatefulSet set, List<ControllerRevision> existing, Set<String> live) {
        Integer configured = set.getSpec().getRevisionHistoryLimit();
        int limit = configured == null ? DEFAULT_HISTORY_LIMIT : configured;
        List<ControllerRevision> history = existing.stream()
                .filter(r -> !live.contains(r.getMetadata().getName()))
                .sorted(Comparator.comparingLong(r -> r.getRevision() == null ? 0 : r.getRevision()))
                .toList();
        for (int i = 0; i < history.size() - limit; i++) {
            client.resource(history.get(i)).delete();
        }
    }
}
