package io.qdranthybrid.harness.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdranthybrid.crd.QdrantApi;
import io.qdranthybrid.harness.kube.SimulatedApiServer;
import io.qdranthybrid.harness.kube.auth.UserInfo;
import io.qdranthybrid.harness.kube.controllers.gc.GarbageCollectedKind;
import io.qdranthybrid.harness.kube.controllers.gc.GarbageCollector;
import io.qdranthybrid.harness.kube.controllers.kubelet.KubeletSettings;
import io.qdranthybrid.harness.kube.controllers.kubelet.NodePool;
import io.qdranthybrid.harness.kube.controllers.kubelet.SimulatedKubelet;
import io.qdranthybrid.harness.kube.controllers.machinery.ControllerIdentity;
import io.qdranthybrid.harness.kube.controllers.machinery.ControllersSettled;
import io.qdranthybrid.harness.kube.controllers.machinery.InformerController;
import io.qdranthybrid.harness.kube.controllers.machinery.SharedInformers;
import io.qdranthybrid.harness.kube.controllers.machinery.SimulatedController;
import io.qdranthybrid.harness.kube.controllers.scheduler.SimulatedScheduler;
import io.qdranthybrid.harness.kube.controllers.statefulset.StatefulSetController;
import io.qdranthybrid.harness.kube.controllers.storage.PvcResizeAdmission;
import io.qdranthybrid.harness.kube.controllers.storage.SimulatedStorageClasses;
import io.qdranthybrid.harness.kube.controllers.storage.StorageController;
import io.qdranthybrid.harness.kube.controllers.storage.VolumeSnapshotController;
import io.qdranthybrid.harness.qdrant.SimulatedQdrant;
import io.qdranthybrid.harness.qdrant.SimulatedQdrantSettings;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A whole simulated k3s in this JVM: an API server that behaves like the real one where operators depend on
 * it, the controllers that make workloads run (StatefulSets, scheduler, kubelet, storage, snapshots, garbage
 * collection) and a simulated Qdrant node behind every Qdrant pod. Start it, point an operator at
 * {@link #kubeconfig()}, and the operator cannot tell it from a small real cluster — except that it starts in
 * about a second and a test can inject faults into any part.
 */
public final class SimulatedCluster implements ClusterUnderTest {

    private final SimulatedApiServer api;
    private final KubernetesClient client;
    private final KubernetesClient controllersClient;
    private final SimulatedQdrant qdrant;
    /** The User-Agent of the simulated controllers' requests, for {@code api().journal().snapshotFrom(...)}. */
    public static final String CONTROLLERS_USER_AGENT = "simulated-controllers";
    /**
     * Who the shared informers list and watch as: kube-controller-manager's own user, whose informer factory the
     * simulated components share. Each component writes as its own identity ({@link ControllerIdentity}), bound in
     * bootstrap-policy.yaml to the ClusterRoles its real counterpart holds.
     */
    public static final UserInfo CONTROLLERS_USER = UserInfo.user("system:kube-controller-manager");

    private final List<SimulatedController> controllers = new ArrayList<>();
    /** One informer per kind for all controllers: each watch event is decoded once, not once per controller. */
    private final SharedInformers informers;
    private final StorageController storage;
    private static final java.time.Duration CRD_INSTALL_TIMEOUT = java.time.Duration.ofSeconds(30);

    private SimulatedCluster(Settings settings) {
        this.api = SimulatedApiServer.start();
        this.client = api.newClient();
        // Named threads and User-Agent: the controllers' CPU and requests can be told apart from everyone else's.
        io.fabric8.kubernetes.client.Config controllersConfig = api.clientConfig("default");
        controllersConfig.setUserAgent(CONTROLLERS_USER_AGENT);
        controllersConfig.setOauthToken(api.tokenForUser(CONTROLLERS_USER));
        this.controllersClient = api.newClient(controllersConfig, "sim-controllers-client");
        this.qdrant = new SimulatedQdrant(settings.qdrant());
        this.informers = new SharedInformers(controllersClient, this::clientOf);
        try {
            // A fresh API server serves built-in kinds only; install the CRDs a real install has, as a user would.
            QdrantCrds.install(client, ClusterCrds.realInstall(settings.helmCrds()), CRD_INSTALL_TIMEOUT);
            SimulatedStorageClasses.installStorageClasses(client);
            SimulatedStorageClasses.installSnapshotClass(client);
            storage = new StorageController(informers, qdrant, StorageController.DEFAULT_RESIZE_STEP);
            new PvcResizeAdmission().registerWith(api.admission(), name -> storage.storageClass(name).orElse(null));
            // QdrantCloudRegion is cluster-scoped (its CRD says scope: Cluster): the model class says which.
            List<GarbageCollectedKind> qdrantKinds = QdrantApi.KINDS.stream()
                    .map(kind -> io.fabric8.kubernetes.api.model.Namespaced.class.isAssignableFrom(kind)
                            ? GarbageCollectedKind.namespaced(QdrantApi.API_VERSION,
                                    io.fabric8.kubernetes.api.model.HasMetadata.getKind(kind),
                                    io.fabric8.kubernetes.api.model.HasMetadata.getPlural(kind))
                            : GarbageCollectedKind.clusterScoped(QdrantApi.API_VERSION,
                                    io.fabric8.kubernetes.api.model.HasMetadata.getKind(kind),
                                    io.fabric8.kubernetes.api.model.HasMetadata.getPlural(kind)))
                    .toList();
            controllers.add(storage);
            controllers.add(new VolumeSnapshotController(informers, qdrant, VolumeSnapshotController.DEFAULT_SNAPSHOT_DELAY));
            controllers.add(new SimulatedScheduler(informers, Clock.systemUTC()));
            controllers.add(new StatefulSetController(informers, 2, Clock.systemUTC()));
            SimulatedKubelet kubelet = new SimulatedKubelet(informers, qdrant, settings.nodes(), settings.kubelet(),
                    Clock.systemUTC());
            controllers.add(kubelet);
            api.serveLogsFrom(kubelet::logs);
            controllers.add(GarbageCollector.forHarnessKinds(informers, qdrantKinds));
            controllers.forEach(SimulatedController::start);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** A client of one component's own identity; same User-Agent and threads as the others, so they are counted together. */
    private KubernetesClient clientOf(ControllerIdentity identity) {
        io.fabric8.kubernetes.client.Config config = api.clientConfig("default",
                api.tokenForUser(new UserInfo(identity.user(), identity.groups())));
        config.setUserAgent(CONTROLLERS_USER_AGENT);
        return api.newClient(config, "sim-controllers-client");
    }

    /** Starts a simulated cluster with three nodes and default timings. */
    public static SimulatedCluster start() {
        return new SimulatedCluster(Settings.defaults());
    }

    public static SimulatedCluster start(Settings settings) {
        return new SimulatedCluster(settings);
    }

    @Override
    public KubernetesClient client() {
        return client;
    }

    @Override
    public String kubeconfig() {
        return api.kubeconfig();
    }

    /** A fresh client for a component under test (an operator, an agent), closed by its owner. */
    public KubernetesClient newClient(String namespace) {
        return api.newClient(namespace);
    }

    /**
     * A fresh client that identifies itself with {@code userAgent}, so the request journal can tell its calls
     * from everyone else's ({@code api().journal().calls()} filtered by {@code ApiCall.from(userAgent)}).
     */
    @Override
    public KubernetesClient newClient(String namespace, String userAgent) {
        io.fabric8.kubernetes.client.Config config = api.clientConfig(namespace);
        config.setUserAgent(userAgent);
        return api.newClient(config);
    }

    /** A fresh client authenticating as the ServiceAccount (which must exist) with a harness-minted token. */
    @Override
    public KubernetesClient newClientAs(String namespace, String serviceAccount, String userAgent) {
        io.fabric8.kubernetes.client.Config config = api.clientConfig(namespace, api.tokenFor(namespace, serviceAccount));
        config.setUserAgent(userAgent);
        return api.newClient(config);
    }

    /** The bearer token of an existing ServiceAccount, e.g. for a kubeconfig a process under test reads. */
    public String tokenFor(String namespace, String serviceAccount) {
        return api.tokenFor(namespace, serviceAccount);
    }

    /** The qdrant.io CRDs are installed when the cluster starts; installing them again changes nothing. */
    @Override
    public void installQdrantCrds() {
        QdrantCrds.install(client, java.time.Duration.ofSeconds(10));
    }

    @Override
    public String description() {
        return "simulated k3s (" + controllers.size() + " controllers)";
    }

    /** The API server: request journal, faults, admission rules. */
    public SimulatedApiServer api() {
        return api;
    }

    /** The simulated Qdrant nodes: seeding, invariants, node faults. */
    public SimulatedQdrant qdrant() {
        return qdrant;
    }

    /** A running controller by name (e.g. "kubelet", "statefulset-controller"), to pause or resume it. */
    public Optional<SimulatedController> controller(String name) {
        return controllers.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public List<SimulatedController> controllers() {
        return List.copyOf(controllers);
    }

    /** Waits until the simulated controllers have done all they would do about what was written so far. */
    public void awaitControllersSettled() {
        ControllersSettled.await(api, controllers.stream().filter(InformerController.class::isInstance)
                .map(InformerController.class::cast).toArray(InformerController[]::new));
    }

    /** Where an operator in this JVM reaches the simulated Qdrant nodes; see {@link SimulatedQdrantEndpoints}. */
    public io.qdranthybrid.operator.cluster.QdrantEndpoints operatorEndpoints() {
        return SimulatedQdrantEndpoints.of(this);
    }

    /** Where this JVM reaches the REST port of a simulated Qdrant pod. */
    public Optional<URI> qdrantEndpoint(String namespace, String podName) {
        return qdrant.endpoint(namespace, podName);
    }

    @Override
    public void close() {
        for (int i = controllers.size() - 1; i >= 0; i--) {
            controllers.get(i).stop();
        }
        informers.close();
        qdrant.close();
        controllersClient.close();
        client.close();
        api.close();
    }

    /**
     * @param nodes    the simulated Kubernetes nodes
     * @param kubelet  kubelet timings (probe scale, crash back-off)
     * @param qdrant   simulated Qdrant timings (transfer speed, join delay)
     * @param helmCrds whether the cd.qdrant.io Helm CRDs of deploy/kustomize/helm-crds are installed at start (the
     *                 snapshot and qdrant.io CRDs always are)
     */
    public record Settings(NodePool nodes, KubeletSettings kubelet, SimulatedQdrantSettings qdrant, boolean helmCrds) {

        public static Settings defaults() {
            return new Settings(NodePool.defaults(), KubeletSettings.defaults(), SimulatedQdrantSettings.defaults(), true);
        }

        public Settings withNodes(NodePool pool) {
            return new Settings(pool, kubelet, qdrant, helmCrds);
        }

        public Settings withKubelet(KubeletSettings settings) {
            return new Settings(nodes, settings, qdrant, helmCrds);
        }

        public Settings withQdrant(SimulatedQdrantSettings settings) {
            return new Settings(nodes, kubelet, settings, helmCrds);
        }

        /** A cluster where nobody installed the Helm CRDs: the agent's component releases have no kind to go to. */
        public Settings withoutHelmCrds() {
            return new Settings(nodes, kubelet, qdrant, false);
        }
    }
}
