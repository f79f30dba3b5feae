package io.qdranthybrid.harness.kube.controllers.kubelet;

import io.qdranthybrid.harness.kube.controllers.machinery.ByName;
import io.qdranthybrid.harness.kube.controllers.machinery.ControllerIdentity;
import io.qdranthybrid.harness.kube.controllers.machinery.InformerController;
import io.qdranthybrid.harness.kube.controllers.machinery.PodState;
import io.qdranthybrid.harness.kube.controllers.machinery.SharedInformers;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.qdranthybrid.harness.kube.PodLogSource;
import io.qdranthybrid.harness.runtime.ContainerLaunch;
import io.qdranthybrid.harness.runtime.ContainerRuntime;
import io.qdranthybrid.harness.runtime.RunningContainer;
import io.qdranthybrid.harness.concurrent.NamedDaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The kubelet of every simulated node of a {@link NodePool}: registers the nodes, and for each pod
 * bound to one of them waits for its claims to be bound, resolves env/files/volumes, starts the main
 * container through the {@link ContainerRuntime}, runs its probes, restarts it after a crash or a
 * failed liveness probe with a growing back-off, stops it when the pod is deleted, and reports the
 * pod's status (written only when it changed).
 */
public final class SimulatedKubelet extends InformerController {

    /** Group of every kubelet's user, as the Node authorizer and the system:node role know them. */
    public static final String NODES_GROUP = "system:nodes";

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedKubelet.class);
    private static final String CLAIM_INDEX = "claim";

    private final ContainerRuntime runtime;
    private final NodePool nodePool;
    private final Set<String> nodeNames;
    private final KubeletSettings settings;
    private final Clock clock;
    private final Map<String, PodRuntime> runtimes = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor probeScheduler;
    private final AtomicLong statusWrites = new AtomicLong();
    private final SharedInformers informers;
    /** One per node: env and files are read with the identity of the node the pod runs on. */
    private final Map<String, ContainerLaunchResolver> resolvers = new ConcurrentHashMap<>();
    private SharedIndexInformer<Pod> pods;
    private SharedIndexInformer<PersistentVolumeClaim> claims;
    private SharedIndexInformer<PersistentVolume> volumes;

    public SimulatedKubelet(KubernetesClient client, ContainerRuntime runtime) {
        this(client, runtime, NodePool.defaults(), KubeletSettings.defaults(), Clock.systemUTC());
    }

    public SimulatedKubelet(KubernetesClient client, ContainerRuntime runtime, NodePool nodePool,
            KubeletSettings settings, Clock clock) {
        this(SharedInformers.privateTo(client), runtime, nodePool, settings, clock);
    }

    /** On informers shared with other controllers. */
    public SimulatedKubelet(SharedInformers informers, ContainerRuntime runtime, NodePool nodePool,
            KubeletSettings settings, Clock clock) {
        super("kubelet", informers, settings.workers());
        this.runtime = runtime;
        this.nodePool = nodePool;
        this.nodeNames = Set.copyOf(nodePool.nodeNames());
        this.settings = settings;
        this.clock = clock;
        this.probeScheduler = new ScheduledThreadPoolExecutor(settings.probeThreads(),
                NamedDaemonThreads.named("kubelet-probes"));
        this.probeScheduler.setRemoveOnCancelPolicy(true);
        this.informers = informers;
    }

    /**
     * The logs of a container of a pod running on one of these nodes, for the API server's {@code pods/log}; this
     * kubelet runs each pod's first container only, so another container has none.
     */
    public Optional<PodLogSource.Logs> logs(String namespace, String podName, String container) {
        PodRuntime state = runtimes.get(key(namespace, podName));
        Pod pod = pods == null ? null : pods.getStore().getByKey(key(namespace, podName));
        if (state == null || state.logs == null || pod == null
                || !pod.getSpec().getContainers().get(0).getName().equals(container)) {
            return Optional.empty();
        }
        return Optional.of(state.logs);
    }

    /** How many pod status writes this kubelet made; a pod whose state does not change adds none. */
    public long statusWrites() {
        return statusWrites.get();
    }

    @Override
    protected void registerInformers() {
        pods = inform(Pod.class, pod -> runsHere(pod) || runtimes.containsKey(keyOf(pod))
                ? List.of(keyOf(pod)) : List.of());
        pods.addIndexers(Map.of(CLAIM_INDEX, SimulatedKubelet::claimKeys));
        claims = inform(PersistentVolumeClaim.class, claim -> podsUsingClaim(keyOf(claim)));
        volumes = inform(PersistentVolume.class, volume -> {
            var ref = volume.getSpec() == null ? null : volume.getSpec().getClaimRef();
            return ref == null ? List.of() : podsUsingClaim(key(ref.getNamespace(), ref.getName()));
        });
    }

    @Override
    protected void onSynced(List<SharedIndexInformer<?>> unserved) {
        NodeRegistration.register(this::nodeClient, nodePool);
    }

    @Override
    protected void onStopped() {
        probeScheduler.shutdownNow();
        runtimes.forEach((key, state) -> stopContainer(key, state));
        runtimes.clear();
    }

    private boolean runsHere(Pod pod) {
        return pod.getSpec().getNodeName() != null && nodeNames.contains(pod.getSpec().getNodeName());
    }

    private static List<String> claimKeys(Pod pod) {
        List<String> keys = new ArrayList<>();
        if (pod.getSpec().getVolumes() != null) {
            for (Volume volume : pod.getSpec().getVolumes()) {
                if (volume.getPersistentVolumeClaim() != null) {
                    keys.add(key(pod.getMetadata().getNamespace(), volume.getPersistentVolumeClaim().getClaimName()));
                }
            }
        }
        return keys;
    }

    private Collection<String> podsUsingClaim(String claimKey) {
        return pods.getIndexer().byIndex(CLAIM_INDEX, claimKey).stream()
                .filter(this::runsHere).map(InformerController::keyOf).toList();
    }

    @Override
    protected void reconcile(String key) {
        Pod pod = pods.getStore().getByKey(key);
        PodRuntime state = runtimes.get(key);
        boolean gone = pod == null || PodState.isTerminating(pod) || !runsHere(pod);
        if (state != null && (gone || !state.uid.equals(uidOf(pod)))) {
            stopContainer(key, state);
            runtimes.remove(key);
            state = null;
        }
        if (gone) {
            if (pod != null && PodState.isTerminating(pod) && runsHere(pod)) {
                completeDeletion(pod);
            }
            return;
        }
        Instant now = clock.instant();
        if (state == null) {
            state = new PodRuntime(uidOf(pod), now);
            runtimes.put(key, state);
            LOG.info("kubelet on {}: admitted pod {}", pod.getSpec().getNodeName(), key);
        }
        Duration lookAgain = advance(key, pod, state, now);
        boolean ready = state.isReady();
        if (ready != state.wasReady) {
            state.wasReady = ready;
            state.readyChangedAt = now;
        }
        writeStatusIfChanged(pod, state);
        if (lookAgain != null) {
            enqueueAfter(key, lookAgain);
        }
    }

    /** Moves the pod's container one step along its lifecycle; returns when to look again, if timed. */
    private Duration advance(String key, Pod pod, PodRuntime state, Instant now) {
        if (state.finalPhase != null) {
            return null;
        }
        if (state.isRunning()) {
            CompletableFuture<Integer> exited = state.container.exited().toCompletableFuture();
            if (exited.isDone()) {
                int code = exited.handle((c, error) -> error == null && c != null ? c : 1).join();
                return terminated(key, pod, state, code, code == 0 ? "Completed" : "Error", now);
            }
            if (state.mustBeKilled()) {
                LOG.info("kubelet: pod {} failed its liveness probe, restarting its container", key);
                state.container.stop();
                return terminated(key, pod, state, exited.getNow(137), "Error", now);
            }
            if (state.isStarted() && state.probe(ProbeWorker.Kind.READINESS).isEmpty()
                    && state.probe(ProbeWorker.Kind.LIVENESS).isEmpty()) {
                startProbes(key, pod, state, false);
            }
            return null;
        }
        if (now.isBefore(state.nextStartAt)) {
            return Duration.between(now, state.nextStartAt);
        }
        Container main = pod.getSpec().getContainers().get(0);
        Duration pulling = pullImage(key, main, state, now);
        if (pulling != null) {
            return pulling;
        }
        int restartCount = state.lastTermination == null ? state.restartCount : state.restartCount + 1;
        LaunchResolution resolution = resolvers.computeIfAbsent(pod.getSpec().getNodeName(),
                node -> new ContainerLaunchResolver(new ClusterSources(nodeClient(node)))).resolve(pod, main, restartCount);
        if (resolution instanceof LaunchResolution.Blocked blocked) {
            if (!blocked.equals(new LaunchResolution.Blocked(state.waiting.reason(), state.waiting.message()))) {
                LOG.info("kubelet: pod {} container {} waiting: {}: {}", key, main.getName(), blocked.reason(),
                        blocked.message());
            }
            state.waiting = new PodRuntime.Waiting(blocked.reason(), blocked.message());
            state.sandboxReady = state.sandboxReady || "CreateContainerConfigError".equals(blocked.reason());
            return settings.configErrorRetry();
        }
        ContainerLaunch launch = ((LaunchResolution.Resolved) resolution).launch();
        state.sandboxReady = true;
        RunningContainer container;
        try {
            container = runtime.start(launch);
        } catch (RuntimeException e) {
            LOG.warn("kubelet: pod {} container {} failed to start: {}", key, main.getName(), e.toString());
            state.restartCount = restartCount;
            state.containerStartedAt = now;
            state.containerId = DesiredPodStatus.containerId(state.uid + "/" + restartCount);
            state.container = null;
            return crashed(key, pod, state, 128, "StartError", now);
        }
        state.restartCount = restartCount;
        state.container = container;
        // The last terminated container's log stays readable beside the new one (kuberuntime GC keeps one).
        state.logs = new PodLogSource.Logs(container.log(), state.logs == null ? null : state.logs.previous());
        state.containerStartedAt = now;
        state.containerId = DesiredPodStatus.containerId(state.uid + "/" + restartCount);
        state.waiting = new PodRuntime.Waiting("ContainerCreating", null);
        container.exited().whenComplete((code, error) -> enqueue(key));
        LOG.info("kubelet: pod {} container {} started (restartCount {})", key, main.getName(), restartCount);
        startProbes(key, pod, state, true);
        return null;
    }

    /**
     * Pulls the container's image, as the kubelet's image manager does before every start (EnsureImageExists): a
     * failed pull leaves the container waiting with ErrImagePull and the runtime's error; until the back-off has
     * passed it waits with ImagePullBackOff, then tries again. Back-off as for crashes: doubling up to the cap.
     *
     * @return when to look again while the image is not there; null once it is
     */
    private Duration pullImage(String key, Container main, PodRuntime state, Instant now) {
        Optional<String> error = ImagePulls.pullError(main.getImage());
        if (error.isEmpty()) {
            state.pullBackOff = null;
            return null;
        }
        if (now.isBefore(state.nextPullAt)) {
            state.waiting = new PodRuntime.Waiting("ImagePullBackOff", ImagePulls.backOffMessage(main.getImage()));
            return Duration.between(now, state.nextPullAt);
        }
        if (state.pullBackOff == null) {
            LOG.info("kubelet: pod {} cannot pull image {}: {}", key, main.getImage(), error.get());
        }
        Duration backOff = state.pullBackOff == null ? settings.crashBackOffInitial()
                : min(state.pullBackOff.multipliedBy(2), settings.crashBackOffMax());
        state.pullBackOff = backOff;
        state.nextPullAt = now.plus(backOff);
        state.waiting = new PodRuntime.Waiting("ErrImagePull", error.get());
        state.sandboxReady = true; // the sandbox runs; only the image is missing
        // Look again half-way, to show ImagePullBackOff while waiting, as the kubelet's next pod sync does.
        return backOff.dividedBy(2);
    }

    /** Startup probe first; readiness and liveness once the container counts as started. */
    private void startProbes(String key, Pod pod, PodRuntime state, boolean fresh) {
        Container main = pod.getSpec().getContainers().get(0);
        if (fresh && main.getStartupProbe() != null) {
            startProbe(key, state, ProbeWorker.Kind.STARTUP, main.getStartupProbe());
            return;
        }
        if (main.getReadinessProbe() != null) {
            startProbe(key, state, ProbeWorker.Kind.READINESS, main.getReadinessProbe());
        }
        if (main.getLivenessProbe() != null) {
            startProbe(key, state, ProbeWorker.Kind.LIVENESS, main.getLivenessProbe());
        }
    }

    private void startProbe(String key, PodRuntime state, ProbeWorker.Kind kind, Probe probe) {
        ProbeWorker worker = new ProbeWorker(kind, probe, state.container, key, this::isPaused, () -> enqueue(key));
        state.probes.add(worker);
        worker.start(probeScheduler, settings.probeTimeScale());
    }

    private Duration terminated(String key, Pod pod, PodRuntime state, int exitCode, String reason, Instant now) {
        state.container = null;
        if (state.logs != null) {
            // Now the last termination: what previous=true reads at once, and the plain log until the next start
            // (kubelet_pods.go validateContainerLogStatus reads lastState.terminated's container).
            state.logs = new PodLogSource.Logs(state.logs.current(), state.logs.current());
        }
        return crashed(key, pod, state, exitCode, reason, now);
    }

    /** Records the end of the container and either finishes the pod or schedules a restart with back-off. */
    private Duration crashed(String key, Pod pod, PodRuntime state, int exitCode, String reason, Instant now) {
        state.cancelProbes();
        state.lastTermination = new PodRuntime.Termination(exitCode, reason, state.containerStartedAt, now,
                state.containerId);
        String policy = Optional.ofNullable(pod.getSpec().getRestartPolicy()).orElse("Always");
        if ("Never".equals(policy) || ("OnFailure".equals(policy) && exitCode == 0)) {
            state.finalPhase = exitCode == 0 ? "Succeeded" : "Failed";
            LOG.info("kubelet: pod {} container exited with {}, pod {}", key, exitCode, state.finalPhase);
            return null;
        }
        Duration ran = Duration.between(state.containerStartedAt, now);
        Duration backOff = state.backOff == null || ran.compareTo(settings.backOffResetAfter()) >= 0
                ? settings.crashBackOffInitial()
                : min(state.backOff.multipliedBy(2), settings.crashBackOffMax());
        state.backOff = backOff;
        state.nextStartAt = now.plus(backOff);
        state.waiting = new PodRuntime.Waiting("CrashLoopBackOff", "back-off " + backOff.toMillis()
                + "ms restarting failed container=" + pod.getSpec().getContainers().get(0).getName() + " pod="
                + pod.getMetadata().getName() + "_" + pod.getMetadata().getNamespace() + "(" + state.uid + ")");
        LOG.info("kubelet: pod {} container exited with {} ({}), restarting in {} ms", key, exitCode, reason,
                backOff.toMillis());
        return backOff;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private void stopContainer(String key, PodRuntime state) {
        state.cancelProbes();
        if (state.container != null) {
            state.container.stop();
            state.container = null;
            LOG.info("kubelet: stopped container of pod {}", key);
        }
    }

    /** Like the kubelet after the containers of a deleted pod stopped: remove the object for good. */
    private void completeDeletion(Pod pod) {
        if (pod.getMetadata().getFinalizers() != null && !pod.getMetadata().getFinalizers().isEmpty()) {
            return; // the API server removes it once the finalizers are gone
        }
        nodeClient(pod.getSpec().getNodeName()).pods().inNamespace(pod.getMetadata().getNamespace())
                .withName(pod.getMetadata().getName()).withGracePeriod(0).delete();
    }

    private void writeStatusIfChanged(Pod pod, PodRuntime state) {
        PodStatus desired = DesiredPodStatus.of(pod, state);
        String version = pod.getMetadata().getResourceVersion();
        if (version != null && version.equals(state.lastMatchedVersion) && desired.equals(state.lastMatchedStatus)) {
            return; // neither the pod nor what it should say changed since they last matched
        }
        var serialization = client.getKubernetesSerialization();
        JsonNode desiredTree = serialization.convertValue(desired, JsonNode.class);
        JsonNode currentTree = pod.getStatus() == null ? null : serialization.convertValue(pod.getStatus(), JsonNode.class);
        if (desiredTree.equals(currentTree)) {
            state.lastMatchedStatus = desired;
            state.lastMatchedVersion = version;
            return;
        }
        String desiredText = desiredTree.toString();
        if (desiredText.equals(state.lastWrittenStatus) && java.util.Objects.equals(version, state.lastWrittenOverVersion)) {
            return; // written already; the informer has not delivered it yet
        }
        try {
            // The uid is a precondition, as in the real kubelet's status patch: a status computed for a pod that
            // has since been replaced by a new one of the same name must not land on the new one.
            ByName.mergePatchStatus(nodeClient(pod.getSpec().getNodeName()), Pod.class, pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
                    "{\"metadata\":{\"uid\":\"" + pod.getMetadata().getUid() + "\"},\"status\":" + desiredText + "}");
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND || e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                return; // deleted or replaced meanwhile: the delete or the new pod's event follows
            }
            throw e;
        }
        state.lastWrittenStatus = desiredText;
        state.lastWrittenOverVersion = version;
        statusWrites.incrementAndGet();
    }

    /** The kubelet of node {@code nodeName}: user {@code system:node:<nodeName>} in group system:nodes (node authorizer docs). */
    public static ControllerIdentity identityOf(String nodeName) {
        return ControllerIdentity.user("system:node:" + nodeName, NODES_GROUP);
    }

    private KubernetesClient nodeClient(String nodeName) {
        return informers.clientFor(identityOf(nodeName));
    }

    private static String uidOf(Pod pod) {
        return pod.getMetadata().getUid() == null ? "" : pod.getMetadata().getUid();
    }

    /** Secrets and ConfigMaps are read fresh like the kubelet does on each start; claims and volumes from the caches. */
    private final class ClusterSources implements ContainerLaunchResolver.Sources {
        private final KubernetesClient client;

        ClusterSources(KubernetesClient client) {
            this.client = client;
        }

        @Override
        public Optional<Secret> secret(String namespace, String name) {
            return Optional.ofNullable(client.secrets().inNamespace(namespace).withName(name).get());
        }

        @Override
        public Optional<ConfigMap> configMap(String namespace, String name) {
            return Optional.ofNullable(client.configMaps().inNamespace(namespace).withName(name).get());
        }

        @Override
        public Optional<PersistentVolumeClaim> claim(String namespace, String name) {
            return Optional.ofNullable(claims.getStore().getByKey(key(namespace, name)));
        }

        @Override
        public Optional<PersistentVolume> volume(String name) {
            return Optional.ofNullable(volumes.getStore().getByKey(name));
        }
    }
}
