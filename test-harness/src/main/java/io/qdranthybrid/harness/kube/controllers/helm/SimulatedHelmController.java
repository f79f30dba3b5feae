package io.qdranthybrid.harness.kube.controllers.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.qdranthybrid.harness.kube.controllers.machinery.SimulatedController;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * A stand-in for Flux's helm-controller and source-controller (renamed to {@code cd.qdrant.io}, as the real product
 * embeds them): HelmRepositories become Ready with a stored artifact, HelmReleases are "installed" and "upgraded"
 * with the conditions and history Flux writes ({@code Ready}/{@code Released}, reasons {@code InstallSucceeded},
 * {@code UpgradeSucceeded}, {@code InstallFailed}, {@code UpgradeFailed}, {@code RollbackSucceeded}), and a test can
 * make a release fail or roll back. No chart is rendered: what matters to the agent is the status contract.
 */
public final class SimulatedHelmController implements SimulatedController {

    public static final ResourceDefinitionContext HELM_RELEASES = new ResourceDefinitionContext.Builder()
            .withGroup("cd.qdrant.io").withVersion("v2").withKind("HelmRelease").withPlural("helmreleases")
            .withNamespaced(true).build();
    public static final ResourceDefinitionContext HELM_REPOSITORIES = new ResourceDefinitionContext.Builder()
            .withGroup("cd.qdrant.io").withVersion("v1").withKind("HelmRepository").withPlural("helmrepositories")
            .withNamespaced(true).build();

    /** Where its identity lives, like Flux's: ServiceAccount {@link #SERVICE_ACCOUNT} in this namespace. */
    public static final String NAMESPACE = "flux-system";
    public static final String SERVICE_ACCOUNT = "helm-controller";

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedHelmController.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RELEASE = "release:";
    private static final String REPOSITORY = "repository:";

    private final KubernetesClient client;
    private final Clock clock;
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    private final Map<String, String> rollbacks = new ConcurrentHashMap<>();
    /** Releases that failed or were rolled back at a generation, not retried at that generation. */
    private final Map<String, Long> settled = new ConcurrentHashMap<>();
    private final Set<String> pausedKeys = new LinkedHashSet<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "helm-controller");
        thread.setDaemon(true);
        return thread;
    });
    private SharedIndexInformer<GenericKubernetesResource> releases;
    private SharedIndexInformer<GenericKubernetesResource> repositories;
    private volatile boolean paused;
    private volatile boolean started;

    public SimulatedHelmController(KubernetesClient client) {
        this(client, Clock.systemUTC());
    }

    public SimulatedHelmController(KubernetesClient client, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Installs the namespace, ServiceAccount and RBAC the controller runs as (helm-controller-rbac.yaml), with an admin client. */
    public static void installIdentity(KubernetesClient admin) {
        try (var rbac = SimulatedHelmController.class.getResourceAsStream("helm-controller-rbac.yaml")) {
            admin.load(Objects.requireNonNull(rbac, "helm-controller-rbac.yaml")).items()
                    .forEach(item -> admin.resource(item).createOr(existing -> existing.update()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("helm-controller-rbac.yaml could not be read", e);
        }
    }

    @Override
    public String name() {
        return "helm-controller";
    }

    @Override
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("helm-controller was already started");
        }
        started = true;
        releases = client.genericKubernetesResources(HELM_RELEASES).inAnyNamespace().runnableInformer(0);
        releases.addEventHandler(onChange(release -> enqueue(RELEASE + Cache.metaNamespaceKeyFunc(release))));
        repositories = client.genericKubernetesResources(HELM_REPOSITORIES).inAnyNamespace().runnableInformer(0);
        repositories.addEventHandler(onChange(repository -> {
            enqueue(REPOSITORY + Cache.metaNamespaceKeyFunc(repository));
            // A release waiting for its source retries when the source shows up.
            releases.getStore().list().forEach(r -> enqueue(RELEASE + Cache.metaNamespaceKeyFunc(r)));
        }));
        try {
            releases.start().toCompletableFuture().get(30, TimeUnit.SECONDS);
            repositories.start().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("helm-controller: interrupted while its informers synced", e);
        } catch (ExecutionException | TimeoutException e) {
            stop();
            throw new IllegalStateException("helm-controller: informers did not sync (is the API server reachable?)", e);
        }
        LOG.info("helm-controller started");
    }

    /** The next install or upgrade of the release fails with {@code error} until {@link #heal}. */
    public void failRelease(String namespace, String name, String error) {
        failures.put(namespace + "/" + name, error);
        settled.remove(namespace + "/" + name);
        rollbacks.remove(namespace + "/" + name);
        enqueue(RELEASE + namespace + "/" + name);
    }

    /**
     * The next upgrade of the release (a new chart version or spec) fails with {@code error} and is remediated by
     * rolling back to the previous release, as Flux does with {@code upgrade.remediation}; an install has nothing to
     * roll back to and just fails.
     */
    public void rollBackRelease(String namespace, String name, String error) {
        rollbacks.put(namespace + "/" + name, error);
        settled.remove(namespace + "/" + name);
        failures.remove(namespace + "/" + name);
        enqueue(RELEASE + namespace + "/" + name);
    }

    /** Installs and upgrades of the release succeed again. */
    public void heal(String namespace, String name) {
        failures.remove(namespace + "/" + name);
        rollbacks.remove(namespace + "/" + name);
        settled.remove(namespace + "/" + name);
        enqueue(RELEASE + namespace + "/" + name);
    }

    private void enqueue(String key) {
        synchronized (pausedKeys) {
            if (paused) {
                pausedKeys.add(key);
                return;
            }
        }
        if (!worker.isShutdown()) {
            try {
                worker.execute(() -> reconcileSafely(key));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // Stopping.
            }
        }
    }

    private void reconcileSafely(String key) {
        try {
            if (key.startsWith(RELEASE)) {
                reconcileRelease(key.substring(RELEASE.length()));
            } else {
                reconcileRepository(key.substring(REPOSITORY.length()));
            }
        } catch (KubernetesClientException e) {
            // A conflict means a newer object is on its way through the informer, which enqueues it again.
            LOG.debug("helm-controller could not reconcile {}: HTTP {}", key, e.getCode());
        } catch (RuntimeException e) {
            LOG.warn("helm-controller failed on {}", key, e);
        }
    }

    private void reconcileRepository(String key) {
        GenericKubernetesResource repository = repositories.getStore().getByKey(key);
        if (repository == null || repository.getMetadata().getDeletionTimestamp() != null) {
            return;
        }
        ObjectNode object = JSON.valueToTree(repository);
        String url = object.path("spec").path("url").asText("");
        ObjectNode status = JSON.createObjectNode();
        status.put("observedGeneration", generation(object));
        if (url.isEmpty()) {
            condition(status, object, "Ready", "False", "URLInvalid", "spec.url is empty");
        } else {
            String revision = "sha256:" + sha256(url);
            // Every field source-controller's v1 Artifact has; path, revision, url and lastUpdateTime are required.
            String path = "helmrepository/" + key + "/index-" + revision.substring(7, 19) + ".yaml";
            ObjectNode artifact = status.putObject("artifact");
            artifact.put("path", path).put("url", "http://source-controller./" + path).put("revision", revision)
                    .put("digest", revision).put("size", url.length())
                    .put("lastUpdateTime", lastUpdateTime(object.path("status").path("artifact"), revision));
            status.put("url", "http://source-controller./" + path);
            condition(status, object, "Ready", "True", "Succeeded", "stored artifact: revision '" + revision + "'");
        }
        writeStatus(HELM_REPOSITORIES, repository, object, status);
    }

    /** When the stored artifact last changed: kept while the revision stays, so an unchanged repository is not rewritten. */
    private String lastUpdateTime(JsonNode previous, String revision) {
        String now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        return revision.equals(previous.path("revision").asText()) ? previous.path("lastUpdateTime").asText(now) : now;
    }

    private void reconcileRelease(String key) {
        GenericKubernetesResource release = releases.getStore().getByKey(key);
        if (release == null || release.getMetadata().getDeletionTimestamp() != null) {
            return;
        }
        ObjectNode object = JSON.valueToTree(release);
        JsonNode chartSpec = object.path("spec").path("chart").path("spec");
        String chart = chartSpec.path("chart").asText(release.getMetadata().getName());
        String version = chartSpec.path("version").asText("*");
        String namespace = release.getMetadata().getNamespace();
        String releaseName = namespace + "/" + release.getMetadata().getName();
        ArrayNode history = object.path("status").path("history").isArray()
                ? ((ArrayNode) object.path("status").path("history")).deepCopy() : JSON.createArrayNode();
        JsonNode deployed = lastDeployed(history);
        long generation = generation(object);
        boolean upToDate = deployed != null && version.equals(deployed.path("chartVersion").asText())
                && object.path("status").path("observedGeneration").asLong(-1) == generation
                && !failures.containsKey(key);
        boolean settledHere = Long.valueOf(generation).equals(settled.get(key))
                && object.path("status").path("observedGeneration").asLong(-1) == generation;
        if (upToDate || settledHere) {
            // Like Flux: a failed or remediated release is not retried until its spec changes or a test heals it.
            return;
        }
        ObjectNode status = JSON.createObjectNode();
        status.put("observedGeneration", generation);
        status.put("lastAttemptedRevision", version);
        JsonNode sourceRef = chartSpec.path("sourceRef");
        String sourceName = sourceRef.path("name").asText("");
        String sourceNamespace = sourceRef.path("namespace").asText(namespace);
        GenericKubernetesResource source = repositories.getStore().getByKey(sourceNamespace + "/" + sourceName);
        if (!"HelmRepository".equals(sourceRef.path("kind").asText()) || source == null) {
            status.set("history", history);
            condition(status, object, "Ready", "False", "ArtifactFailed", "HelmChart '" + namespace + "/" + namespace
                    + "-" + release.getMetadata().getName() + "' is not ready: failed to get source: HelmRepository."
                    + "cd.qdrant.io \"" + sourceName + "\" not found");
            writeStatus(HELM_RELEASES, release, object, status);
            return;
        }
        int number = history.size() + 1;
        boolean install = deployed == null;
        String failure = failures.get(key);
        String rollback = rollbacks.get(key);
        if (failure != null || (rollback != null && install)) {
            String error = failure != null ? failure : rollback;
            String reason = install ? "InstallFailed" : "UpgradeFailed";
            String message = "Helm " + (install ? "install" : "upgrade") + " failed for release " + releaseName
                    + " with chart " + chart + "@" + version + ": " + error;
            history.insert(0, snapshot(object, history, chart, version, number, "failed"));
            status.set("history", history);
            status.put("failures", object.path("status").path("failures").asLong(0) + 1);
            condition(status, object, "Released", "False", reason, message);
            condition(status, object, "Ready", "False", reason, message);
        } else if (rollback != null) {
            String previousVersion = deployed.path("chartVersion").asText();
            int previous = deployed.path("version").asInt();
            history.insert(0, snapshot(object, history, chart, version, number, "failed"));
            history.insert(0, snapshot(object, history, chart, previousVersion, number + 1, "deployed"));
            status.set("history", history);
            status.put("upgradeFailures", object.path("status").path("upgradeFailures").asLong(0) + 1);
            condition(status, object, "Released", "False", "UpgradeFailed", "Helm upgrade failed for release "
                    + releaseName + " with chart " + chart + "@" + version + ": " + rollback);
            String rolledBack = "Helm rollback to previous release " + releaseName + ".v" + previous + " with chart "
                    + chart + "@" + previousVersion + " succeeded";
            condition(status, object, "Remediated", "True", "RollbackSucceeded", rolledBack);
            condition(status, object, "Ready", "False", "RollbackSucceeded", rolledBack);
            rollbacks.remove(key);
        } else {
            String reason = install ? "InstallSucceeded" : "UpgradeSucceeded";
            String message = "Helm " + (install ? "install" : "upgrade") + " succeeded for release " + releaseName
                    + ".v" + number + " with chart " + chart + "@" + version;
            history.insert(0, snapshot(object, history, chart, version, number, "deployed"));
            status.set("history", history);
            condition(status, object, "Released", "True", reason, message);
            condition(status, object, "Ready", "True", reason, message);
        }
        if (failure != null || rollback != null) {
            settled.put(key, generation);
        }
        writeStatus(HELM_RELEASES, release, object, status);
        LOG.info("helm-controller: {} {}", releaseName, status.path("conditions").path(status.path("conditions").size() - 1)
                .path("reason").asText());
    }

    private static JsonNode lastDeployed(ArrayNode history) {
        for (JsonNode entry : history) {
            if ("deployed".equals(entry.path("status").asText())) {
                return entry;
            }
        }
        return null;
    }

    /**
     * One Helm release revision with every field Flux's HelmRelease v2 schema requires of a history entry (helm-controller
     * api/v2/snapshot_types.go): the release's name and namespace, digests of the release and of its values, when the
     * release was first and last deployed.
     */
    private ObjectNode snapshot(JsonNode release, ArrayNode history, String chart, String version, int number,
                                String state) {
        String now = clock.instant().toString();
        String firstDeployed = history.isEmpty() ? now
                : history.get(history.size() - 1).path("firstDeployed").asText(now);
        String namespace = release.path("spec").path("targetNamespace")
                .asText(release.path("metadata").path("namespace").asText());
        String name = release.path("spec").path("releaseName").asText(release.path("metadata").path("name").asText());
        String configDigest = "sha256:" + sha256(release.path("spec").path("values").toString());
        ObjectNode entry = JSON.createObjectNode();
        entry.put("name", name).put("namespace", namespace).put("version", number).put("status", state)
                .put("chartName", chart).put("chartVersion", version).put("configDigest", configDigest)
                .put("digest", "sha256:" + sha256(namespace + "/" + name + "." + number + ":" + chart + "@" + version
                        + ":" + configDigest))
                .put("firstDeployed", firstDeployed).put("lastDeployed", now);
        return entry;
    }

    /** Adds a condition, keeping lastTransitionTime when type and status are what the object already says. */
    private void condition(ObjectNode status, JsonNode object, String type, String value, String reason, String message) {
        String transition = clock.instant().toString();
        for (JsonNode existing : object.path("status").path("conditions")) {
            if (type.equals(existing.path("type").asText()) && value.equals(existing.path("status").asText())) {
                transition = existing.path("lastTransitionTime").asText(transition);
            }
        }
        ArrayNode conditions = status.has("conditions") ? (ArrayNode) status.get("conditions") : status.putArray("conditions");
        for (int i = 0; i < conditions.size(); i++) {
            if (type.equals(conditions.get(i).path("type").asText())) {
                conditions.remove(i);
                break;
            }
        }
        conditions.addObject().put("type", type).put("status", value).put("reason", reason).put("message", message)
                .put("observedGeneration", status.path("observedGeneration").asLong()).put("lastTransitionTime", transition);
    }

    private void writeStatus(ResourceDefinitionContext context, GenericKubernetesResource live, ObjectNode object,
                             ObjectNode status) {
        if (status.equals(object.path("status"))) {
            return;
        }
        object.set("status", status);
        GenericKubernetesResource updated = JSON.convertValue(object, GenericKubernetesResource.class);
        client.genericKubernetesResources(context).inNamespace(live.getMetadata().getNamespace()).resource(updated)
                .updateStatus();
    }

    private static long generation(JsonNode object) {
        return object.path("metadata").path("generation").asLong(1);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    private static <T> ResourceEventHandler<T> onChange(Consumer<T> action) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T object) {
                action.accept(object);
            }

            @Override
            public void onUpdate(T before, T after) {
                action.accept(after);
            }

            @Override
            public void onDelete(T object, boolean finalStateUnknown) {
            }
        };
    }

    @Override
    public synchronized void stop() {
        worker.shutdownNow();
        if (releases != null) {
            releases.stop();
        }
        if (repositories != null) {
            repositories.stop();
        }
        try {
            worker.awaitTermination(Duration.ofSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void pause() {
        paused = true;
    }

    @Override
    public void resume() {
        Set<String> pending;
        synchronized (pausedKeys) {
            paused = false;
            pending = new LinkedHashSet<>(pausedKeys);
            pausedKeys.clear();
        }
        pending.forEach(this::enqueue);
    }

    @Override
    public boolean isPaused() {
        return paused;
    }
}
