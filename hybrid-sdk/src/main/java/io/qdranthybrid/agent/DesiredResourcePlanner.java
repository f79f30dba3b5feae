package io.qdranthybrid.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.qdranthybrid.protocol.message.DesiredResource;
import io.qdranthybrid.protocol.message.KubernetesNames;
import io.qdranthybrid.protocol.message.NackReason;
import io.qdranthybrid.protocol.message.ResourceKey;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Decides, without touching Kubernetes, what one desired resource becomes: an object to apply, a deletion, or a
 * refusal naming why. This is where the agent's security boundary lives: its own namespace only, allow-listed kinds
 * only, and a manifest must be of the kind its resource key says.
 */
public final class DesiredResourcePlanner {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Fields the API server owns; a manifest carrying them (e.g. copied from a live object) must not fight it. */
    private static final List<String> SERVER_OWNED_METADATA = List.of("resourceVersion", "uid", "creationTimestamp",
            "deletionTimestamp", "deletionGracePeriodSeconds", "generation", "managedFields", "selfLink");
    /**
     * Cluster-local lifecycle hooks a control plane has no business setting: an owner reference could have the
     * garbage collector delete a managed cluster, and a finalizer nobody removes would block its deletion.
     */
    private static final List<String> CLUSTER_LOCAL_METADATA = List.of("ownerReferences", "finalizers", "generateName");

    private final String namespace;
    private final ComponentReleasePolicy releasePolicy;

    public DesiredResourcePlanner(String namespace) {
        this(namespace, ComponentReleasePolicy.DEFAULT);
    }

    public DesiredResourcePlanner(String namespace, ComponentReleasePolicy releasePolicy) {
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.releasePolicy = Objects.requireNonNull(releasePolicy, "releasePolicy");
    }

    public ResourceDecision decide(DesiredResource resource) {
        ResourceKey key = resource.key();
        if (!namespace.equals(key.namespace())) {
            return forbiddenNamespace(key, key.namespace());
        }
        // Before anything else, tombstones included: the name becomes part of a request path.
        Optional<String> badName = KubernetesNames.objectNameProblem(key.name());
        if (badName.isPresent()) {
            return new ResourceDecision.Refuse(key, NackReason.INVALID, key.kind().wireName() + " " + badName.get());
        }
        if (resource.isTombstone()) {
            return new ResourceDecision.Delete(key, ManagedKind.forResourceKind(key.kind()));
        }
        JsonNode manifest = resource.manifestIfPresent().orElseThrow();
        String apiVersion = manifest.path("apiVersion").asText("");
        String kind = manifest.path("kind").asText("");
        if (apiVersion.isEmpty() || kind.isEmpty()) {
            return new ResourceDecision.Refuse(key, NackReason.INVALID, key + ": the manifest needs apiVersion and kind");
        }
        var allowed = ManagedKind.find(apiVersion, kind);
        if (allowed.isEmpty()) {
            return new ResourceDecision.Refuse(key, NackReason.FORBIDDEN_KIND, key + ": " + KubernetesNames.shown(apiVersion)
                    + " " + KubernetesNames.shown(kind) + " is not a kind this agent manages; '" + key.kind().wireName()
                    + "' resources must be " + describe(ManagedKind.forResourceKind(key.kind())));
        }
        ManagedKind managed = allowed.get();
        if (managed.resourceKind() != key.kind()) {
            return new ResourceDecision.Refuse(key, NackReason.INVALID, key + ": the manifest is a " + managed
                    + " but '" + key.kind().wireName() + "' resources must be "
                    + describe(ManagedKind.forResourceKind(key.kind())));
        }
        Optional<String> shapeProblem = ManifestShape.metadataProblem(manifest);
        if (shapeProblem.isPresent()) {
            return new ResourceDecision.Refuse(key, NackReason.INVALID, key + ": " + shapeProblem.get());
        }
        JsonNode metadata = manifest.path("metadata");
        String manifestNamespace = metadata.path("namespace").asText("");
        if (!manifestNamespace.isEmpty() && !manifestNamespace.equals(namespace)) {
            return forbiddenNamespace(key, manifestNamespace);
        }
        String manifestName = metadata.path("name").asText("");
        if (!manifestName.isEmpty() && !manifestName.equals(key.name())) {
            return new ResourceDecision.Refuse(key, NackReason.INVALID, key + ": the manifest is named '"
                    + KubernetesNames.shown(manifestName) + "' but the resource key names '" + key.name() + "'");
        }
        ObjectNode copy = manifest.deepCopy();
        if (managed.resourceKind() == io.qdranthybrid.protocol.message.ResourceKind.COMPONENT_RELEASE) {
            var problem = ComponentReleaseShape.check(managed, copy, namespace, releasePolicy);
            if (problem.isPresent()) {
                return new ResourceDecision.Refuse(key, problem.get().reason(), key + ": " + problem.get().message());
            }
        }
        try {
            return new ResourceDecision.Apply(key, managed, toObject(copy, key, resource.revision()));
        } catch (IllegalArgumentException e) {
            // A field of a shape the Kubernetes model cannot hold; the API server would refuse it too.
            return new ResourceDecision.Refuse(key, NackReason.INVALID, key + ": the manifest is not a valid "
                    + managed.kind() + ": " + e.getMessage());
        }
    }

    private ResourceDecision forbiddenNamespace(ResourceKey key, String requested) {
        return new ResourceDecision.Refuse(key, NackReason.FORBIDDEN_NAMESPACE, key.kind().wireName() + "/"
                + KubernetesNames.shown(key.name()) + ": namespace '"
                + KubernetesNames.shown(requested) + "' is outside this agent's namespace '" + namespace + "'");
    }

    private GenericKubernetesResource toObject(ObjectNode copy, ResourceKey key, long revision) {
        // The agent writes desired specs; status belongs to the operator or helm-controller that acts on them.
        copy.remove("status");
        ObjectNode metadata = copy.withObject("metadata");
        SERVER_OWNED_METADATA.forEach(metadata::remove);
        CLUSTER_LOCAL_METADATA.forEach(metadata::remove);
        metadata.put("name", key.name());
        metadata.put("namespace", namespace);
        metadata.withObject("labels").put(AgentLabels.MANAGED_BY, AgentLabels.MANAGED_BY_VALUE);
        metadata.withObject("annotations").put(AgentLabels.DESIRED_REVISION, Long.toString(revision));
        return JSON.convertValue(copy, GenericKubernetesResource.class);
    }

    private static String describe(List<ManagedKind> kinds) {
        return kinds.stream().map(ManagedKind::toString).collect(Collectors.joining(" or "));
    }
}
