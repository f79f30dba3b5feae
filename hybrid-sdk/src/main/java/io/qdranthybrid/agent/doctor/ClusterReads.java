package io.qdranthybrid.agent.doctor;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributes;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributesBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The reads the prerequisite checks need, each standing alone: a read the agent's RBAC forbids becomes
 * {@link Readout.Forbidden}, any other failure {@link Readout.Unreadable}, so one missing right costs one check.
 */
public final class ClusterReads {

    /** Kubernetes marks the default class with this annotation (the beta one is still honoured). */
    static final List<String> DEFAULT_CLASS_ANNOTATIONS = List.of("storageclass.kubernetes.io/is-default-class",
            "storageclass.beta.kubernetes.io/is-default-class");
    /** snapshot.storage.k8s.io/v1 VolumeSnapshotClass, cluster-scoped (github.com/kubernetes-csi/external-snapshotter). */
    public static final ResourceDefinitionContext VOLUME_SNAPSHOT_CLASSES = new ResourceDefinitionContext.Builder()
            .withGroup("snapshot.storage.k8s.io").withVersion("v1").withKind("VolumeSnapshotClass")
            .withPlural("volumesnapshotclasses").withNamespaced(false).build();

    private final KubernetesClient client;

    public ClusterReads(KubernetesClient client) {
        this.client = client;
    }

    public Readout<String> kubernetesVersion() {
        return read(() -> client.getKubernetesVersion().getGitVersion());
    }

    public Readout<List<StorageClassFacts>> storageClasses() {
        return readIfAllowed(new AccessRule("list", "storage.k8s.io", "storageclasses", ""), "",
                () -> client.storage().v1().storageClasses().list().getItems().stream()
                        .map(ClusterReads::facts).toList());
    }

    public Readout<List<SnapshotClassFacts>> snapshotClasses() {
        return readIfAllowed(new AccessRule("list", "snapshot.storage.k8s.io", "volumesnapshotclasses", ""), "",
                () -> client.genericKubernetesResources(VOLUME_SNAPSHOT_CLASSES).list().getItems().stream()
                        .map(ClusterReads::facts).toList());
    }

    /** The resources discovery lists for {@code apiVersion}; empty when the group version is not served. */
    public Readout<Set<String>> servedResources(String apiVersion) {
        try {
            APIResourceList list = client.getApiResources(apiVersion);
            return Readout.found(list == null || list.getResources() == null ? Set.of()
                    : list.getResources().stream().map(APIResource::getName).collect(Collectors.toSet()));
        } catch (KubernetesClientException e) {
            return e.getCode() == 404 ? Readout.found(Set.of()) : failure(e);
        }
    }

    /** Asks the API server, one SelfSubjectAccessReview per right, whether the agent itself holds them. */
    public Readout<Map<AccessRule, Boolean>> selfAccess(String namespace, List<AccessRule> rules) {
        return read(() -> {
            Map<AccessRule, Boolean> answers = new LinkedHashMap<>();
            for (AccessRule rule : rules) {
                SelfSubjectAccessReview review = new SelfSubjectAccessReviewBuilder().withNewSpec()
                        .withResourceAttributes(attributes(namespace, rule)).endSpec().build();
                SelfSubjectAccessReview answer = client.authorization().v1().selfSubjectAccessReview().create(review);
                answers.put(rule, answer.getStatus() != null && Boolean.TRUE.equals(answer.getStatus().getAllowed()));
            }
            return answers;
        });
    }

    /** Asks with SubjectAccessReviews whether {@code user} holds the rights; needs create on subjectaccessreviews. */
    public Readout<Map<AccessRule, Boolean>> accessOf(String user, String namespace, List<AccessRule> rules) {
        return readIfAllowed(new AccessRule("create", "authorization.k8s.io", "subjectaccessreviews", ""), "", () -> {
            Map<AccessRule, Boolean> answers = new LinkedHashMap<>();
            for (AccessRule rule : rules) {
                SubjectAccessReview review = new SubjectAccessReviewBuilder().withNewSpec().withUser(user)
                        .withResourceAttributes(attributes(namespace, rule)).endSpec().build();
                SubjectAccessReview answer = client.authorization().v1().subjectAccessReview().create(review);
                answers.put(rule, answer.getStatus() != null && Boolean.TRUE.equals(answer.getStatus().getAllowed()));
            }
            return answers;
        });
    }

    /** The rules of a Role; {@link Readout.Unreadable} when there is no such Role. */
    public Readout<List<RoleRule>> roleRules(String namespace, String name) {
        Readout<Role> role = readIfAllowed(new AccessRule("get", "rbac.authorization.k8s.io", "roles", name), namespace,
                () -> client.rbac().roles().inNamespace(namespace).withName(name).get());
        if (!(role instanceof Readout.Found<Role> found)) {
            return role.failedAs();
        }
        if (found.value() == null) {
            return new Readout.Unreadable<>("there is no Role " + name + " in namespace " + namespace);
        }
        return Readout.found(found.value().getRules() == null ? List.of() : found.value().getRules().stream()
                .map(r -> new RoleRule(r.getApiGroups(), r.getResources(), r.getVerbs(), r.getResourceNames()))
                .toList());
    }

    /**
     * Reads only when a SelfSubjectAccessReview says the agent may: an optional right the agent lacks then costs no
     * 403 in the API server's audit log (and no alert a customer would chase). If the review itself fails, reads.
     */
    private <T> Readout<T> readIfAllowed(AccessRule rule, String namespace, Supplier<T> reader) {
        Readout<Boolean> allowed = read(() -> {
            SelfSubjectAccessReview answer = client.authorization().v1().selfSubjectAccessReview().create(
                    new SelfSubjectAccessReviewBuilder().withNewSpec()
                            .withResourceAttributes(attributes(namespace, rule)).endSpec().build());
            return answer.getStatus() != null && Boolean.TRUE.equals(answer.getStatus().getAllowed());
        });
        if (allowed instanceof Readout.Found<Boolean> found && !found.value()) {
            return new Readout.Forbidden<>("the agent may not " + rule);
        }
        return read(reader);
    }

    private static ResourceAttributes attributes(String namespace, AccessRule rule) {
        return new ResourceAttributesBuilder().withNamespace(namespace.isEmpty() ? null : namespace).withVerb(rule.verb()).withGroup(rule.group())
                .withResource(rule.resourceOnly()).withSubresource(rule.subresource())
                .withName(rule.name().isEmpty() ? null : rule.name()).build();
    }

    private static StorageClassFacts facts(StorageClass sc) {
        Map<String, String> annotations = sc.getMetadata().getAnnotations() == null ? Map.of()
                : sc.getMetadata().getAnnotations();
        boolean isDefault = DEFAULT_CLASS_ANNOTATIONS.stream().anyMatch(a -> "true".equals(annotations.get(a)));
        return new StorageClassFacts(sc.getMetadata().getName(), sc.getProvisioner(), isDefault,
                sc.getAllowVolumeExpansion());
    }

    private static SnapshotClassFacts facts(GenericKubernetesResource vsc) {
        Object driver = vsc.getAdditionalProperties().get("driver");
        return new SnapshotClassFacts(vsc.getMetadata().getName(), driver == null ? "" : driver.toString());
    }

    private static <T> Readout<T> read(Supplier<T> reader) {
        try {
            return Readout.found(reader.get());
        } catch (KubernetesClientException e) {
            return failure(e);
        }
    }

    private static <T> Readout<T> failure(KubernetesClientException e) {
        if (e.getCode() == 403) {
            return new Readout.Forbidden<>("forbidden by RBAC (HTTP 403)");
        }
        String detail = "HTTP " + e.getCode() + (e.getStatus() != null && e.getStatus().getMessage() != null
                ? " " + e.getStatus().getMessage() : "");
        return new Readout.Unreadable<>(e.getCode() == 404 ? "the API is not installed (" + detail + ")" : detail);
    }
}
