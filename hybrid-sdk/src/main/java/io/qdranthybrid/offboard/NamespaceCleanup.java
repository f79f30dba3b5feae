package io.qdranthybrid.offboard;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Removes qdrant-hybrid from a namespace with the user's own credentials, in the order of the hosted product's
 * {@code hybrid-cloud-cleanup.sh} (see docs/reference: deletion order and the cleanup script): the agent (so nothing is
 * re-created), the operator, the rest of what {@code deploy/} installed (Services, ConfigMaps, RBAC, ServiceAccounts),
 * then the {@code qdrant.io} objects left, stripping finalizers only once their owners are gone (nobody runs their
 * controllers any more), then the namespace, then the {@code qdrant.io} CRDs. Refuses, touching nothing, while
 * QdrantClusters exist unless forced. Every step prints what it did; running it again finishes what is left.
 */
public final class NamespaceCleanup {

    /** The label every object of {@code deploy/} carries. */
    static final String PART_OF = "app.kubernetes.io/part-of";
    static final String PART_OF_VALUE = "qdrant-hybrid";
    /** The agent's and the operator's Deployments as {@code deploy/} names them; the agent goes first. */
    static final String AGENT = "qdrant-cloud-agent";
    static final String OPERATOR = "qdrant-hybrid-operator";
    /** The CRD group of the Qdrant kinds; the helm-controller kinds live in a subgroup ({@code cd.qdrant.io}). */
    static final String GROUP = "qdrant.io";

    private final KubernetesClient client;
    private final PrintStream out;
    private final Duration timeout;

    /** @param timeout how long to wait for leftovers and the namespace to go, each */
    public NamespaceCleanup(KubernetesClient client, PrintStream out, Duration timeout) {
        this.client = Objects.requireNonNull(client, "client");
        this.out = Objects.requireNonNull(out, "out");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    public CleanupOutcome run(String namespace, boolean force) {
        out.println("Cleaning up qdrant-hybrid in namespace " + namespace + (force ? " (--force)" : ""));
        List<CustomResourceDefinition> crds = qdrantCrds();
        List<String> clusters = names(namespace, crds.stream().filter(c -> c.getSpec().getNames().getKind()
                .equals("QdrantCluster")).toList());
        if (!clusters.isEmpty() && !force) {
            out.println("Refused, nothing changed: namespace " + namespace + " still has QdrantClusters " + clusters
                    + ". Delete them from the control plane first (the agent removes them), or run again with --force"
                    + " to delete them and their data");
            return CleanupOutcome.REFUSED;
        }
        if (!clusters.isEmpty()) {
            out.println("--force: QdrantClusters " + clusters + " and their data will be deleted");
        }
        step("1. agent", () -> deleted(client.apps().deployments().inNamespace(namespace).withName(AGENT).delete())
                ? "Deployment " + AGENT + " deleted" : "Deployment " + AGENT + " already gone");
        step("2. operator", () -> deleted(client.apps().deployments().inNamespace(namespace).withName(OPERATOR).delete())
                ? "Deployment " + OPERATOR + " deleted" : "Deployment " + OPERATOR + " already gone");
        step("3. the rest of the install", () -> removeInstall(namespace));
        boolean leftoversGone = leftovers(namespace, crds);
        boolean namespaceGone = namespace(namespace);
        boolean crdsGone = crds(namespace, crds);
        boolean done = leftoversGone && namespaceGone && crdsGone;
        out.println(done ? "Done: qdrant-hybrid is removed from namespace " + namespace + " and the cluster"
                : "Not finished (see above); run the cleanup again to continue");
        return done ? CleanupOutcome.DONE : CleanupOutcome.INCOMPLETE;
    }

    private String removeInstall(String namespace) {
        List<String> removed = new ArrayList<>();
        count(removed, "Deployments", client.apps().deployments().inNamespace(namespace).withLabel(PART_OF, PART_OF_VALUE).delete());
        count(removed, "Services", client.services().inNamespace(namespace).withLabel(PART_OF, PART_OF_VALUE).delete());
        count(removed, "ConfigMaps", client.configMaps().inNamespace(namespace).withLabel(PART_OF, PART_OF_VALUE).delete());
        count(removed, "RoleBindings", client.rbac().roleBindings().inNamespace(namespace).withLabel(PART_OF, PART_OF_VALUE).delete());
        count(removed, "Roles", client.rbac().roles().inNamespace(namespace).withLabel(PART_OF, PART_OF_VALUE).delete());
        count(removed, "ServiceAccounts", client.serviceAccounts().inNamespace(namespace).withLabel(PART_OF, PART_OF_VALUE).delete());
        // Cluster-wide read access (deploy/kustomize/install-cluster-read): only the bindings for this namespace's
        // accounts, and a role once no binding of another namespace uses it.
        List<ClusterRoleBinding> bindings = client.rbac().clusterRoleBindings().withLabel(PART_OF, PART_OF_VALUE).list()
                .getItems();
        List<ClusterRoleBinding> ours = bindings.stream().filter(b -> b.getSubjects() != null && !b.getSubjects().isEmpty()
                && b.getSubjects().stream().allMatch(s -> namespace.equals(s.getNamespace()))).toList();
        ours.forEach(b -> client.resource(b).delete());
        count(removed, "ClusterRoleBindings", ours);
        Set<String> stillBound = bindings.stream().filter(b -> !ours.contains(b)).map(b -> b.getRoleRef().getName())
                .collect(Collectors.toSet());
        List<String> roles = new ArrayList<>();
        for (var role : client.rbac().clusterRoles().withLabel(PART_OF, PART_OF_VALUE).list().getItems()) {
            boolean boundHere = ours.stream().anyMatch(b -> b.getRoleRef().getName().equals(role.getMetadata().getName()));
            if (boundHere && !stillBound.contains(role.getMetadata().getName())) {
                client.resource(role).delete();
                roles.add(role.getMetadata().getName());
            }
        }
        count(removed, "ClusterRoles", roles);
        return removed.isEmpty() ? "nothing left of the install" : "deleted " + String.join(", ", removed);
    }

    /** Step 4: the qdrant.io objects left, owners first; finalizers stripped since their controllers are gone. */
    private boolean leftovers(String namespace, List<CustomResourceDefinition> crds) {
        out.println("4. qdrant.io objects left in " + namespace + ":");
        List<CustomResourceDefinition> namespaced = crds.stream()
                .filter(c -> "Namespaced".equals(c.getSpec().getScope())).toList();
        Instant deadline = Instant.now().plus(timeout);
        Set<String> reported = new HashSet<>();
        while (true) {
            List<Leftover> remaining = remaining(namespace, namespaced);
            if (remaining.isEmpty()) {
                out.println("   none");
                return true;
            }
            Set<String> uids = remaining.stream().map(l -> l.object().getMetadata().getUid()).collect(Collectors.toSet());
            List<GenericKubernetesResource> objects = remaining.stream().map(Leftover::object).toList();
            List<GenericKubernetesResource> ready = OwnerOrder.ownersGone(objects,
                    (OwnerReference owner) -> uids.contains(owner.getUid()));
            for (Leftover leftover : remaining) {
                if (ready.contains(leftover.object())) {
                    release(namespace, leftover, reported);
                }
            }
            if (Instant.now().isAfter(deadline)) {
                out.println("   still there after " + timeout.toSeconds() + " s: " + remaining.stream()
                        .map(Leftover::describe).collect(Collectors.joining(", ")));
                return false;
            }
            pause();
        }
    }

    private void release(String namespace, Leftover leftover, Set<String> reported) {
        GenericKubernetesResource object = leftover.object();
        var resource = client.genericKubernetesResources(leftover.context()).inNamespace(namespace)
                .withName(object.getMetadata().getName());
        try {
            if (object.getMetadata().getDeletionTimestamp() == null) {
                resource.delete();
                if (reported.add("delete " + leftover.describe())) {
                    out.println("   deleted " + leftover.describe());
                }
            }
            List<String> finalizers = object.getMetadata().getFinalizers();
            if (finalizers != null && !finalizers.isEmpty()) {
                resource.edit(o -> {
                    o.getMetadata().setFinalizers(List.of());
                    return o;
                });
                out.println("   stripped finalizers " + finalizers + " from " + leftover.describe()
                        + " (its owners are gone and nobody runs their controllers any more)");
            }
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404 && e.getCode() != 409) {
                throw e;
            }
            // Gone meanwhile, or changed under us: the next round sees it as it is now.
        }
    }

    private boolean namespace(String namespace) {
        out.print("5. namespace " + namespace + ": ");
        if (client.namespaces().withName(namespace).get() == null) {
            out.println("already gone");
            return true;
        }
        client.namespaces().withName(namespace).delete();
        Instant deadline = Instant.now().plus(timeout);
        while (client.namespaces().withName(namespace).get() != null) {
            if (Instant.now().isAfter(deadline)) {
                out.println("deletion requested, still terminating after " + timeout.toSeconds() + " s (kubectl get"
                        + " namespace " + namespace + " -o yaml says what holds it)");
                return false;
            }
            pause();
        }
        out.println("deleted");
        return true;
    }

    /** Step 6: the CRDs, each only when no other namespace still has objects of it (they would go with it). */
    private boolean crds(String namespace, List<CustomResourceDefinition> crds) {
        out.println("6. qdrant.io CRDs:");
        if (crds.isEmpty()) {
            out.println("   already gone");
            return true;
        }
        boolean all = true;
        for (CustomResourceDefinition crd : crds) {
            String name = crd.getMetadata().getName();
            List<String> elsewhere = "Namespaced".equals(crd.getSpec().getScope()) ? client.genericKubernetesResources(
                    CustomResourceDefinitionContext.fromCrd(crd)).inAnyNamespace().list().getItems().stream()
                    .map(o -> o.getMetadata().getNamespace()).filter(ns -> !namespace.equals(ns)).distinct().toList()
                    : List.of();
            if (!elsewhere.isEmpty()) {
                out.println("   kept " + name + ": namespaces " + elsewhere + " still have objects of it, which deleting"
                        + " it would delete; clean those up first");
                all = false;
                continue;
            }
            client.resource(crd).delete();
            out.println("   deleted " + name);
        }
        return all;
    }

    private List<CustomResourceDefinition> qdrantCrds() {
        return client.apiextensions().v1().customResourceDefinitions().list().getItems().stream()
                .filter(c -> GROUP.equals(c.getSpec().getGroup()) || c.getSpec().getGroup().endsWith("." + GROUP))
                .toList();
    }

    private List<String> names(String namespace, List<CustomResourceDefinition> crds) {
        return remaining(namespace, crds).stream().map(l -> l.object().getMetadata().getName()).toList();
    }

    private List<Leftover> remaining(String namespace, List<CustomResourceDefinition> crds) {
        List<Leftover> leftovers = new ArrayList<>();
        for (CustomResourceDefinition crd : crds) {
            CustomResourceDefinitionContext context = CustomResourceDefinitionContext.fromCrd(crd);
            try {
                client.genericKubernetesResources(context).inNamespace(namespace).list().getItems()
                        .forEach(o -> leftovers.add(new Leftover(context, o)));
            } catch (KubernetesClientException e) {
                if (e.getCode() != 404) {
                    throw e;
                }
            }
        }
        return leftovers;
    }

    private record Leftover(CustomResourceDefinitionContext context, GenericKubernetesResource object) {
        String describe() {
            return object.getKind() + "/" + object.getMetadata().getName();
        }
    }

    private void step(String name, Supplier<String> action) {
        out.println(name + ": " + action.get());
    }

    private static boolean deleted(List<?> details) {
        return !details.isEmpty();
    }

    private static void count(List<String> removed, String kind, List<?> deleted) {
        if (!deleted.isEmpty()) {
            removed.add(deleted.size() + " " + kind);
        }
    }

    /** Between polls of a command-line tool: the API server has no watch for "gone" that is worth one here. */
    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the cleanup", e);
        }
    }
}
