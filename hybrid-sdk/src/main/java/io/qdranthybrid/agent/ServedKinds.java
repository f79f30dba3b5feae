package io.qdranthybrid.agent;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Which of the allow-listed kinds the cluster serves, found through API discovery. A kind whose CRD is not installed
 * (typically cd.qdrant.io's HelmRelease without a Helm controller) holds no objects: the agent neither lists nor
 * watches it, refuses desired resources of it with what to install, and syncs everything else.
 *
 * <p>Discovery that fails for another reason than 404 (RBAC, a flaky API server) counts the kinds as served, so the
 * agent behaves as before and the real error surfaces where the kind is used. Thread-safe.
 */
final class ServedKinds {

    private static final Logger LOG = LoggerFactory.getLogger(ServedKinds.class);

    private final KubernetesClient client;
    private final Consumer<Set<ManagedKind>> onChange;
    private volatile Set<ManagedKind> served = Set.copyOf(ManagedKind.ALL);

    ServedKinds(KubernetesClient client, Consumer<Set<ManagedKind>> onChange) {
        this.client = Objects.requireNonNull(client, "client");
        this.onChange = Objects.requireNonNull(onChange, "onChange");
    }

    /** Asks the API server again; tells the listener when the answer changed. */
    synchronized Set<ManagedKind> refresh() {
        Map<String, List<ManagedKind>> byGroupVersion = new LinkedHashMap<>();
        ManagedKind.ALL.forEach(kind -> byGroupVersion.computeIfAbsent(kind.apiVersion(), v -> new java.util.ArrayList<>())
                .add(kind));
        Set<ManagedKind> found = new LinkedHashSet<>();
        byGroupVersion.forEach((groupVersion, kinds) -> found.addAll(servedOf(groupVersion, kinds)));
        Set<ManagedKind> before = served;
        served = Set.copyOf(found);
        if (!before.equals(served)) {
            List<ManagedKind> missing = ManagedKind.ALL.stream().filter(k -> !found.contains(k)).toList();
            if (missing.isEmpty()) {
                LOG.info("Every allow-listed kind is served by the cluster now");
            } else {
                LOG.warn("The cluster does not serve {}: those kinds hold no objects until their CRDs are installed "
                        + "({})", missing, missing.stream().map(ManagedKind::crdName).collect(Collectors.joining(", ")));
            }
            onChange.accept(served);
        }
        return served;
    }

    /** Refreshes only when something was missing: free while every kind is served. */
    Set<ManagedKind> refreshIfIncomplete() {
        return served.size() == ManagedKind.ALL.size() ? served : refresh();
    }

    boolean serves(ManagedKind kind) {
        return served.contains(kind);
    }

    Set<ManagedKind> current() {
        return served;
    }

    /** The refusal message for a kind the cluster does not serve: what to install. */
    static String notServed(ManagedKind kind) {
        String message = "the cluster does not serve " + kind + ": install the CustomResourceDefinition "
                + kind.crdName();
        return kind.resourceKind() == io.qdranthybrid.protocol.message.ResourceKind.COMPONENT_RELEASE
                ? message + " and a Flux-compatible Helm controller that reconciles it to run component releases"
                : message + " (kubectl apply -k deploy/kustomize/crds)";
    }

    private List<ManagedKind> servedOf(String groupVersion, List<ManagedKind> kinds) {
        APIResourceList resources;
        try {
            resources = client.getApiResources(groupVersion);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return List.of();
            }
            LOG.debug("Discovery of {} failed ({}); assuming its kinds are served", groupVersion, e.getCode());
            return kinds;
        }
        if (resources == null || resources.getResources() == null) {
            return List.of();
        }
        Set<String> plurals = resources.getResources().stream().map(APIResource::getName).collect(Collectors.toSet());
        return kinds.stream().filter(kind -> plurals.contains(kind.plural())).toList();
    }
}
