package io.qdranthybrid.harness.kube.controllers.storage;

import io.qdranthybrid.harness.kube.controllers.machinery.ByName;
import io.qdranthybrid.harness.kube.controllers.machinery.ControllerIdentity;
import io.qdranthybrid.harness.kube.controllers.machinery.InformerController;
import io.qdranthybrid.harness.kube.controllers.machinery.SharedInformers;
import io.qdranthybrid.harness.kube.controllers.machinery.ControllerEventRecorder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimCondition;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimConditionBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatus;
import io.fabric8.kubernetes.api.model.PersistentVolumeStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TypedLocalObjectReference;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.qdranthybrid.harness.kube.controllers.machinery.ControllerEventRecorder.Type;
import io.qdranthybrid.harness.runtime.VolumeData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The simulated persistent-volume controller, CSI provisioner, resizer and kubelet volume expansion.
 *
 * <ul>
 *   <li>Provisioning: a Pending claim whose StorageClass exists gets a PersistentVolume
 *       {@code pvc-<claim uid>} with {@code spec.csi} (driver = the class's provisioner, a unique
 *       volume handle), a claimRef and the requested capacity, then the claim is Bound. A claim
 *       without a class is given the default class (retroactive default class assignment); a missing
 *       class leaves it Pending with a {@code ProvisioningFailed} Warning Event.</li>
 *   <li>{@code WaitForFirstConsumer}: the claim is provisioned once the scheduler picked a node for a
 *       pod using it ({@code volume.kubernetes.io/selected-node}, or a pod bound to a node); the
 *       volume then has node affinity to that node.</li>
 *   <li>Restore: a claim whose {@code dataSource} is a VolumeSnapshot waits until the snapshot is
 *       ready, then its new volume is seeded with {@link VolumeData#restore}.</li>
 *   <li>Expansion (class with {@code allowVolumeExpansion}): {@code Resizing}, then the volume grows
 *       and the claim shows {@code FileSystemResizePending}, then {@code status.capacity} grows; each
 *       step takes {@code resizeStep}. Shrinking is refused earlier, by {@link PvcResizeAdmission}. A driver
 *       with only OFFLINE expansion ({@link SimulatedStorageClasses#volumeExpansionOf}) refuses a volume a pod
 *       uses ({@code ControllerResizeError}, {@code VolumeResizeFailed}), grows it once no pod does, and finishes
 *       the file system resize when a pod mounts it again.</li>
 *   <li>Reclaim: when a claim is deleted its volume is Released; with policy Delete the volume's data
 *       is deleted ({@link VolumeData#deleteVolume}) and the PersistentVolume removed.</li>
 *   <li>Protection finalizers ({@code kubernetes.io/pvc-protection}, {@code kubernetes.io/pv-protection}),
 *       when the API server adds them, are removed once no pod uses the claim / the volume is unbound.</li>
 * </ul>
 *
 * Not simulated: binding to pre-created (static) PersistentVolumes, cloning from a claim, and
 * provisioner finalizers on PersistentVolumes.
 */
public final class StorageController extends InformerController {

    /**
     * The persistent-volume binder's ServiceAccount (controller_policy.go); it also holds the external-provisioner's
     * and resizer's rules, since this one controller provisions, binds and expands.
     */
    public static final ControllerIdentity IDENTITY = ControllerIdentity.kubeSystemServiceAccount("persistent-volume-binder");

    public static final Duration DEFAULT_RESIZE_STEP = Duration.ofMillis(200);

    static final String SELECTED_NODE = "volume.kubernetes.io/selected-node";
    static final String PVC_PROTECTION = "kubernetes.io/pvc-protection";
    static final String PV_PROTECTION = "kubernetes.io/pv-protection";
    private static final String COMPONENT = "persistentvolume-controller";
    private static final String CLAIMS_OF_POD = "claims";
    private static final String CLAIM = "pvc:";
    private static final String VOLUME = "pv:";
    private static final Logger LOG = LoggerFactory.getLogger(StorageController.class);

    private final VolumeData volumeData;
    private final Duration resizeStep;
    private final ControllerEventRecorder events;
    /** When each claim (by uid) entered its current expansion step; in memory, like the resizer's own state. */
    private final Map<String, Instant> resizeStepStarted = new ConcurrentHashMap<>();
    /** uids of the volumes whose data this controller deleted. */
    private final Set<String> reclaimed = ConcurrentHashMap.newKeySet();
    private SharedIndexInformer<PersistentVolumeClaim> claims;
    private SharedIndexInformer<PersistentVolume> volumes;
    private SharedIndexInformer<StorageClass> classes;
    private SharedIndexInformer<Pod> pods;
    private SharedIndexInformer<GenericKubernetesResource> snapshots;
    private SharedIndexInformer<GenericKubernetesResource> snapshotContents;
    private boolean snapshotsServed = true;

    static final int WORKERS = 8;

    public StorageController(KubernetesClient client, VolumeData volumeData) {
        this(client, volumeData, DEFAULT_RESIZE_STEP);
    }

    /** @param resizeStep how long each step of a volume expansion takes */
    public StorageController(KubernetesClient client, VolumeData volumeData, Duration resizeStep) {
        this(SharedInformers.privateTo(Objects.requireNonNull(client, "client")), volumeData, resizeStep);
    }

    /** On informers shared with other controllers. */
    public StorageController(SharedInformers informers, VolumeData volumeData, Duration resizeStep) {
        // Binding is a handful of sequential API calls per claim, so it is bound by latency, not CPU: several
        // workers keep hundreds of clusters' volumes binding at the rate the scheduler places their pods.
        super("storage-controller", IDENTITY, informers, WORKERS);
        this.volumeData = Objects.requireNonNull(volumeData, "volumeData");
        if (resizeStep.isNegative()) {
            throw new IllegalArgumentException("resizeStep " + resizeStep + " is negative");
        }
        this.resizeStep = resizeStep;
        this.events = new ControllerEventRecorder(client, COMPONENT, "v1", "PersistentVolumeClaim");
    }

    @Override
    protected void registerInformers() {
        claims = informWith(PersistentVolumeClaim.class, onAnyChange(claim -> {
            enqueue(CLAIM + Cache.metaNamespaceKeyFunc(claim));
            Optional.ofNullable(claim.getSpec().getVolumeName()).filter(v -> !v.isEmpty()).ifPresent(v -> enqueue(VOLUME + v));
        }));
        volumes = informWith(PersistentVolume.class, onAnyChange(volume -> {
            enqueue(VOLUME + volume.getMetadata().getName());
            Optional.ofNullable(volume.getSpec().getClaimRef())
                    .ifPresent(ref -> enqueue(CLAIM + ref.getNamespace() + "/" + ref.getName()));
        }));
        classes = informWith(StorageClass.class, onAnyChange(storageClass -> unboundClaims().forEach(this::enqueueClaim)));
        pods = informWith(Pod.class, onAnyChange(pod -> claimKeysOf(pod).forEach(key -> enqueue(CLAIM + key))));
        pods.addIndexers(Map.of(CLAIMS_OF_POD, StorageController::claimKeysOf));
        snapshots = generic(SimulatedStorageClasses.VOLUME_SNAPSHOTS, true, onAnyChange(snapshot ->
                enqueueClaimsRestoringFrom(snapshot.getMetadata().getNamespace(), snapshot.getMetadata().getName())));
        // The content's status may arrive after the snapshot's: both wake the claims restoring from it.
        snapshotContents = generic(SimulatedStorageClasses.VOLUME_SNAPSHOT_CONTENTS, true, onAnyChange(content -> {
            VolumeSnapshotView view = new VolumeSnapshotView(content);
            view.refName().ifPresent(snapshot -> enqueueClaimsRestoringFrom(view.refNamespace().orElse(""), snapshot));
        }));
    }

    @Override
    protected void onSynced(List<SharedIndexInformer<?>> unserved) {
        snapshotsServed = unserved.isEmpty();
        if (!snapshotsServed) {
            LOG.warn("{}: volume snapshots are not served; claims restoring from a snapshot stay Pending", name());
        }
    }

    /** The StorageClass of that name as this controller last saw it; for admission rules that must not call the API server. */
    public Optional<StorageClass> storageClass(String name) {
        if (classes == null) {
            throw new IllegalStateException(name() + " is not started");
        }
        return Optional.ofNullable(classes.getIndexer().getByKey(name));
    }

    @Override
    protected void reconcile(String key) {
        if (key.startsWith(CLAIM)) {
            reconcileClaim(key.substring(CLAIM.length()));
        } else {
            reconcileVolume(key.substring(VOLUME.length()));
        }
    }

    // ---- claims ----

    private void reconcileClaim(String key) {
        PersistentVolumeClaim claim = claims.getIndexer().getByKey(key);
        if (claim == null) {
            return;
        }
        if (claim.getMetadata().getDeletionTimestamp() != null) {
            releaseClaimProtection(claim);
            return;
        }
        String volumeName = claim.getSpec().getVolumeName();
        if (volumeName == null || volumeName.isEmpty()) {
            provision(claim);
            return;
        }
        PersistentVolume volume = volumes.getIndexer().getByKey(volumeName);
        if (volume == null) {
            // The volume informer may not have seen a volume created a moment ago: ask before declaring it lost.
            volume = client.persistentVolumes().withName(volumeName).get();
        }
        if (volume == null) {
            if (!"Lost".equals(phase(claim))) {
                claimResource(claim).editStatus(c -> { statusOf(c).setPhase("Lost"); return c; });
                events.record(claim, Type.Warning, "ClaimLost", "Bound claim has lost its PersistentVolume. Data on the volume is lost!");
            }
            return;
        }
        if (!"Bound".equals(phase(claim))) {
            markClaimBound(claim, volume);
            return;
        }
        expand(claim, volume);
    }

    private void provision(PersistentVolumeClaim claim) {
        String className = claim.getSpec().getStorageClassName();
        if (className == null) {
            Optional<StorageClass> defaultClass = defaultClass();
            if (defaultClass.isPresent()) {
                // Retroactive default class assignment (GA in Kubernetes 1.28); the update re-queues the claim.
                editClaim(claim, c -> c.getSpec().setStorageClassName(defaultClass.get().getMetadata().getName()));
                return;
            }
        }
        if (className == null || className.isEmpty()) {
            events.record(claim, Type.Normal, "FailedBinding", "no persistent volumes available for this claim and no storage class is set");
            return;
        }
        StorageClass storageClass = classes.getIndexer().getByKey(className);
        if (storageClass == null) {
            events.record(claim, Type.Warning, "ProvisioningFailed", "storageclass.storage.k8s.io \"" + className + "\" not found");
            return;
        }
        Optional<Quantity> request = requestedStorage(claim);
        if (request.isEmpty()) {
            events.record(claim, Type.Warning, "ProvisioningFailed",
                    "failed to provision volume with StorageClass \"" + className + "\": claim has no spec.resources.requests.storage");
            return;
        }
        String node = null;
        if ("WaitForFirstConsumer".equals(storageClass.getVolumeBindingMode())) {
            node = selectedNode(claim).orElse(null);
            if (node == null) {
                events.record(claim, Type.Normal, "WaitForFirstConsumer", "waiting for first consumer to be created before binding");
                return;
            }
        }
        String restoreFrom = null;
        TypedLocalObjectReference source = claim.getSpec().getDataSource();
        if (source != null) {
            restoreFrom = snapshotHandleToRestore(claim, storageClass, source, request.get()).orElse(null);
            if (restoreFrom == null) {
                return;
            }
        }
        PersistentVolume volume = volumes.getIndexer().getByKey(volumeNameFor(claim));
        if (volume == null) {
            volume = createVolume(claim, storageClass, request.get(), node, restoreFrom);
        }
        bind(claim, volume);
    }

    /**
     * @param node        the node a WaitForFirstConsumer volume is pinned to, null for Immediate binding
     * @param restoreFrom the snapshot handle to seed the volume from, null for an empty volume
     */
    private PersistentVolume createVolume(PersistentVolumeClaim claim, StorageClass storageClass, Quantity size,
            String node, String restoreFrom) {
        String name = volumeNameFor(claim);
        String handle = "vol-" + claim.getMetadata().getUid();
        if (restoreFrom != null) {
            // Seed the data before the volume exists, so nobody can mount it empty; a retry restores again.
            volumeData.restore(restoreFrom, handle);
        }
        PersistentVolumeBuilder builder = new PersistentVolumeBuilder()
                .withNewMetadata().withName(name)
                .addToAnnotations("pv.kubernetes.io/provisioned-by", storageClass.getProvisioner())
                .endMetadata()
                .withNewSpec()
                .addToCapacity("storage", size)
                .withAccessModes(claim.getSpec().getAccessModes())
                .withVolumeMode(Optional.ofNullable(claim.getSpec().getVolumeMode()).orElse("Filesystem"))
                .withPersistentVolumeReclaimPolicy(Optional.ofNullable(storageClass.getReclaimPolicy()).orElse("Delete"))
                .withStorageClassName(storageClass.getMetadata().getName())
                .withNewCsi().withDriver(storageClass.getProvisioner()).withVolumeHandle(handle)
                .addToVolumeAttributes("storage.kubernetes.io/csiProvisionerIdentity", storageClass.getProvisioner())
                .endCsi()
                .withClaimRef(new ObjectReferenceBuilder()
                        .withApiVersion("v1").withKind("PersistentVolumeClaim")
                        .withNamespace(claim.getMetadata().getNamespace()).withName(claim.getMetadata().getName())
                        .withUid(claim.getMetadata().getUid()).withResourceVersion(claim.getMetadata().getResourceVersion())
                        .build())
                .endSpec();
        if (node != null) {
            builder.editSpec().withNewNodeAffinity().withNewRequired().addNewNodeSelectorTerm()
                    .addNewMatchExpression().withKey("kubernetes.io/hostname").withOperator("In").withValues(node).endMatchExpression()
                    .endNodeSelectorTerm().endRequired().endNodeAffinity().endSpec();
        }
        PersistentVolume created;
        try {
            created = client.resource(builder.build()).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
            return client.persistentVolumes().withName(name).require();
        }
        LOG.info("{}: provisioned {} ({} {}, handle {}) for claim {}/{}{}", name(), name, storageClass.getProvisioner(),
                size, handle, claim.getMetadata().getNamespace(), claim.getMetadata().getName(),
                restoreFrom == null ? "" : " from snapshot " + restoreFrom);
        events.record(claim, Type.Normal, "ProvisioningSucceeded", "Successfully provisioned volume " + name);
        return created;
    }

    private void bind(PersistentVolumeClaim claim, PersistentVolume volume) {
        if (!"Bound".equals(volume.getStatus() == null ? null : volume.getStatus().getPhase())) {
            ByName.mergePatchStatus(client, PersistentVolume.class, null, volume.getMetadata().getName(),
                    json(Map.of("status", Map.of("phase", "Bound"))));
        }
        Map<String, Object> annotations = Map.of(
                "pv.kubernetes.io/bind-completed", "yes",
                "pv.kubernetes.io/bound-by-controller", "yes",
                "volume.kubernetes.io/storage-provisioner", volume.getSpec().getCsi().getDriver());
        ByName.mergePatch(client, PersistentVolumeClaim.class, claim.getMetadata().getNamespace(),
                claim.getMetadata().getName(), json(Map.of(
                        "metadata", Map.of("annotations", annotations),
                        "spec", Map.of("volumeName", volume.getMetadata().getName()))));
        markClaimBound(claim, volume);
        LOG.info("{}: claim {}/{} bound to {}", name(), claim.getMetadata().getNamespace(), claim.getMetadata().getName(),
                volume.getMetadata().getName());
    }

    /** Writes the Bound status; also repairs a claim whose status write was lost after its volumeName was set. */
    private void markClaimBound(PersistentVolumeClaim claim, PersistentVolume volume) {
        ByName.mergePatchStatus(client, PersistentVolumeClaim.class, claim.getMetadata().getNamespace(),
                claim.getMetadata().getName(), json(Map.of("status", Map.of(
                        "phase", "Bound",
                        "accessModes", volume.getSpec().getAccessModes(),
                        "capacity", Map.of("storage", volume.getSpec().getCapacity().get("storage").toString())))));
    }

    private String json(Map<String, Object> patch) {
        return client.getKubernetesSerialization().asJson(patch);
    }

    private Resource<PersistentVolumeClaim> claimResource(PersistentVolumeClaim claim) {
        return client.persistentVolumeClaims().inNamespace(claim.getMetadata().getNamespace()).withName(claim.getMetadata().getName());
    }

    private Optional<String> selectedNode(PersistentVolumeClaim claim) {
        String annotated = claim.getMetadata().getAnnotations() == null ? null : claim.getMetadata().getAnnotations().get(SELECTED_NODE);
        if (annotated != null && !annotated.isEmpty()) {
            return Optional.of(annotated);
        }
        return podsUsing(claim).stream()
                .map(pod -> pod.getSpec().getNodeName())
                .filter(n -> n != null && !n.isEmpty())
                .findFirst();
    }

    /** The snapshot handle to seed a claim from, or empty (with an Event saying why) when it cannot be yet. */
    private Optional<String> snapshotHandleToRestore(PersistentVolumeClaim claim, StorageClass storageClass,
            TypedLocalObjectReference source, Quantity request) {
        String prefix = "failed to provision volume with StorageClass \"" + storageClass.getMetadata().getName() + "\": ";
        if (!"VolumeSnapshot".equals(source.getKind()) || !VolumeSnapshotView.GROUP.equals(source.getApiGroup())) {
            events.record(claim, Type.Warning, "ProvisioningFailed", prefix + "the simulated provisioner cannot populate a volume from a "
                    + source.getKind() + " (only VolumeSnapshot data sources are supported)");
            return Optional.empty();
        }
        String error = "error getting handle for DataSource Type VolumeSnapshot by Name " + source.getName() + ": ";
        if (!snapshotsServed) {
            events.record(claim, Type.Warning, "ProvisioningFailed", prefix + error + "the API server does not serve " + VolumeSnapshotView.API_VERSION);
            return Optional.empty();
        }
        GenericKubernetesResource found = snapshots.getIndexer().getByKey(claim.getMetadata().getNamespace() + "/" + source.getName());
        if (found == null) {
            events.record(claim, Type.Warning, "ProvisioningFailed", prefix + error + "error getting snapshot " + source.getName()
                    + " from api server: volumesnapshots.snapshot.storage.k8s.io \"" + source.getName() + "\" not found");
            return Optional.empty();
        }
        VolumeSnapshotView snapshot = new VolumeSnapshotView(found);
        Optional<VolumeSnapshotView> content = snapshot.boundContentName()
                .map(name -> snapshotContents.getIndexer().getByKey(name))
                .map(VolumeSnapshotView::new);
        if (!snapshot.readyToUse() || content.isEmpty() || content.get().contentSnapshotHandle().isEmpty()) {
            events.record(claim, Type.Warning, "ProvisioningFailed", prefix + error + "snapshot " + source.getName() + " is not Ready");
            return Optional.empty();
        }
        String driver = content.get().driver().orElse("");
        if (!driver.equals(storageClass.getProvisioner())) {
            events.record(claim, Type.Warning, "ProvisioningFailed", prefix + error + "snapshot " + source.getName()
                    + " was taken by driver " + driver + ", not by " + storageClass.getProvisioner());
            return Optional.empty();
        }
        Optional<Quantity> restoreSize = snapshot.restoreSize();
        if (restoreSize.isPresent() && bytes(request).compareTo(bytes(restoreSize.get())) < 0) {
            events.record(claim, Type.Warning, "ProvisioningFailed", prefix + "requested volume size " + bytes(request).toBigInteger()
                    + " is less than the size " + bytes(restoreSize.get()).toBigInteger() + " for the source snapshot " + source.getName());
            return Optional.empty();
        }
        return content.get().contentSnapshotHandle();
    }

    private void expand(PersistentVolumeClaim claim, PersistentVolume volume) {
        Optional<Quantity> request = requestedStorage(claim);
        Quantity capacity = claim.getStatus().getCapacity() == null ? null : claim.getStatus().getCapacity().get("storage");
        String uid = claim.getMetadata().getUid();
        if (request.isEmpty() || capacity == null || bytes(request.get()).compareTo(bytes(capacity)) <= 0) {
            resizeStepStarted.remove(uid);
            return;
        }
        StorageClass storageClass = classes.getIndexer().getByKey(Objects.toString(claim.getSpec().getStorageClassName(), ""));
        if (storageClass == null || !Boolean.TRUE.equals(storageClass.getAllowVolumeExpansion())) {
            // Only reachable where the API server skips PvcResizeAdmission.
            events.record(claim, Type.Warning, "ExternalExpanding", "storageclass \"" + claim.getSpec().getStorageClassName()
                    + "\" does not allow volume expansion; ignoring the new size " + request.get());
            return;
        }
        List<String> types = claim.getStatus().getConditions().stream().map(PersistentVolumeClaimCondition::getType).toList();
        boolean offlineOnly = SimulatedStorageClasses.volumeExpansionOf(storageClass.getProvisioner())
                == SimulatedStorageClasses.VolumeExpansion.OFFLINE;
        Optional<Pod> user = podsUsing(claim).stream().filter(StorageController::keepsClaimInUse).findFirst();
        boolean volumeGrowing = !types.contains("FileSystemResizePending");
        if (offlineOnly && volumeGrowing && user.isPresent()) {
            refuseInUse(claim, volume, storageClass.getProvisioner(), user.get(), types);
            return;
        }
        Instant stepStarted = resizeStepStarted.computeIfAbsent(uid, u -> Instant.now());
        Duration remaining = Duration.between(Instant.now(), stepStarted.plus(resizeStep));
        Optional<String> condition = types.stream()
                .filter(type -> type.equals("Resizing") || type.equals("FileSystemResizePending"))
                .findFirst();
        if (types.contains("ControllerResizeError")) {
            condition = Optional.empty(); // the volume is free now: the resizer tries again from the start
        }
        if (condition.isEmpty()) {
            setResizeCondition(claim, "Resizing", "");
            resizeStepStarted.put(uid, Instant.now());
            events.record(claim, Type.Normal, "Resizing", "External resizer is resizing volume " + volume.getMetadata().getName());
            enqueueAfter(CLAIM + Cache.metaNamespaceKeyFunc(claim), resizeStep);
        } else if (!remaining.isNegative() && !remaining.isZero()) {
            enqueueAfter(CLAIM + Cache.metaNamespaceKeyFunc(claim), remaining);
        } else if (condition.get().equals("Resizing") || !volumeHolds(volume, request.get())) {
            // A claim grown again while its file system was being resized goes back through the volume step.
            client.persistentVolumes().withName(volume.getMetadata().getName())
                    .edit(v -> { v.getSpec().getCapacity().put("storage", request.get()); return v; });
            setResizeCondition(claim, "FileSystemResizePending",
                    "Waiting for user to (re-)start a pod to finish file system resize of volume on node.");
            resizeStepStarted.put(uid, Instant.now());
            events.record(claim, Type.Normal, "FileSystemResizeRequired", "Require file system resize of volume on node");
            enqueueAfter(CLAIM + Cache.metaNamespaceKeyFunc(claim), resizeStep);
        } else if (offlineOnly && user.filter(StorageController::mounted).isEmpty()) {
            // An offline-only driver's file system is grown by the kubelet when a pod mounts the volume
            // (NodeExpandVolume during NodeStage/Publish); the pods informer wakes this claim then.
            resizeStepStarted.remove(uid);
        } else {
            claimResource(claim)
                    .editStatus(c -> {
                        c.getStatus().getCapacity().put("storage", request.get());
                        c.getStatus().setConditions(new ArrayList<>());
                        return c;
                    });
            resizeStepStarted.remove(uid);
            events.record(claim, Type.Normal, "FileSystemResizeSuccessful",
                    "MountVolume.NodeExpandVolume succeeded for volume \"" + volume.getMetadata().getName() + "\"");
            LOG.info("{}: claim {}/{} expanded from {} to {}", name(), claim.getMetadata().getNamespace(),
                    claim.getMetadata().getName(), capacity, request.get());
        }
    }

    /**
     * An offline-only driver asked to grow a volume a pod uses, as the external-resizer reports it
     * (pkg/controller/expand_and_recover.go): the first attempt calls the driver, which fails with FailedPrecondition;
     * the claim gets {@code ControllerResizeError} (core/v1 PersistentVolumeClaimControllerResizeError) and a
     * {@code VolumeResizeFailed} Warning; later attempts while the volume is still in use are refused without calling
     * the driver, with "Unable to expand ... only supports offline expansion and volume is currently in-use". The pod
     * going away wakes the claim through the pods informer.
     */
    private void refuseInUse(PersistentVolumeClaim claim, PersistentVolume volume, String driver, Pod user,
            List<String> types) {
        resizeStepStarted.remove(claim.getMetadata().getUid());
        if (types.contains("ControllerResizeError")) {
            events.record(claim, Type.Warning, "VolumeResizeFailed", "Unable to expand " + Cache.metaNamespaceKeyFunc(claim)
                    + " because CSI driver " + driver + " only supports offline expansion and volume is currently in-use");
            return;
        }
        String node = Objects.toString(user.getSpec().getNodeName(), "");
        String message = "resize volume \"" + volume.getMetadata().getName() + "\" by resizer \"" + driver
                + "\" failed: rpc error: code = FailedPrecondition desc = volume " + volume.getSpec().getCsi().getVolumeHandle()
                + " is published on node \"" + node + "\": the driver only supports offline expansion";
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        List<PersistentVolumeClaimCondition> conditions = List.of(
                new PersistentVolumeClaimConditionBuilder().withType("Resizing").withStatus("True")
                        .withLastTransitionTime(now).build(),
                new PersistentVolumeClaimConditionBuilder().withType("ControllerResizeError").withStatus("True")
                        .withMessage(message).withLastTransitionTime(now).build());
        claimResource(claim).editStatus(c -> { statusOf(c).setConditions(new ArrayList<>(conditions)); return c; });
        events.record(claim, Type.Warning, "VolumeResizeFailed", message);
        LOG.info("{}: claim {} cannot grow while pod {} uses it: driver {} only supports offline expansion", name(),
                Cache.metaNamespaceKeyFunc(claim), user.getMetadata().getName(), driver);
    }

    /** The kubelet has mounted the pod's volumes: the pod is on a node and not going away. */
    private static boolean mounted(Pod pod) {
        return pod.getSpec().getNodeName() != null && !pod.getSpec().getNodeName().isEmpty()
                && pod.getMetadata().getDeletionTimestamp() == null;
    }

    private static boolean volumeHolds(PersistentVolume volume, Quantity request) {
        Quantity capacity = volume.getSpec().getCapacity() == null ? null : volume.getSpec().getCapacity().get("storage");
        return capacity != null && bytes(capacity).compareTo(bytes(request)) >= 0;
    }

    private void setResizeCondition(PersistentVolumeClaim claim, String type, String message) {
        PersistentVolumeClaimCondition condition = new PersistentVolumeClaimConditionBuilder()
                .withType(type).withStatus("True").withMessage(message.isEmpty() ? null : message)
                .withLastTransitionTime(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
                .build();
        claimResource(claim)
                .editStatus(c -> { statusOf(c).setConditions(new ArrayList<>(List.of(condition))); return c; });
    }

    private void releaseClaimProtection(PersistentVolumeClaim claim) {
        if (!claim.getMetadata().getFinalizers().contains(PVC_PROTECTION)) {
            return;
        }
        // Like the real pvc-protection controller: the cache may not have seen a pod created a moment ago, so an
        // "unused" verdict is confirmed against the API server before the claim is let go.
        if (podsUsing(claim).stream().anyMatch(StorageController::keepsClaimInUse) || usedByLivePod(claim)) {
            return;
        }
        editClaim(claim, c -> c.getMetadata().getFinalizers().remove(PVC_PROTECTION));
    }

    private boolean usedByLivePod(PersistentVolumeClaim claim) {
        String key = Cache.metaNamespaceKeyFunc(claim);
        return client.pods().inNamespace(claim.getMetadata().getNamespace()).list().getItems().stream()
                .anyMatch(pod -> keepsClaimInUse(pod) && claimKeysOf(pod).contains(key));
    }

    private static boolean keepsClaimInUse(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return !"Succeeded".equals(phase) && !"Failed".equals(phase);
    }

    // ---- volumes ----

    private void reconcileVolume(String name) {
        PersistentVolume volume = volumes.getIndexer().getByKey(name);
        if (volume == null) {
            return;
        }
        String phase = volume.getStatus() == null ? null : volume.getStatus().getPhase();
        if (volume.getMetadata().getDeletionTimestamp() != null) {
            if (!"Bound".equals(phase) && volume.getMetadata().getFinalizers().contains(PV_PROTECTION)) {
                client.persistentVolumes().withName(name).edit(v -> { v.getMetadata().getFinalizers().remove(PV_PROTECTION); return v; });
            }
            return;
        }
        var ref = volume.getSpec().getClaimRef();
        if (ref == null) {
            return;
        }
        PersistentVolumeClaim claim = claims.getIndexer().getByKey(ref.getNamespace() + "/" + ref.getName());
        if (claim != null && Objects.equals(claim.getMetadata().getUid(), ref.getUid())) {
            return;
        }
        // The cache says the claim is gone; confirm before anything destructive, caches of two kinds may disagree.
        PersistentVolumeClaim live = client.persistentVolumeClaims().inNamespace(ref.getNamespace()).withName(ref.getName()).get();
        if (live != null && Objects.equals(live.getMetadata().getUid(), ref.getUid())) {
            return;
        }
        if (!"Released".equals(phase)) {
            client.persistentVolumes().withName(name).editStatus(v -> { statusOf(v).setPhase("Released"); return v; });
            LOG.info("{}: {} released: its claim {}/{} is gone", name(), name, ref.getNamespace(), ref.getName());
        }
        if ("Delete".equals(volume.getSpec().getPersistentVolumeReclaimPolicy())) {
            // A stale cache may show a volume already reclaimed; its data is deleted only once.
            if (reclaimed.add(volume.getMetadata().getUid())) {
                Optional.ofNullable(volume.getSpec().getCsi()).map(csi -> csi.getVolumeHandle()).ifPresent(volumeData::deleteVolume);
                LOG.info("{}: deleted the data of {} (reclaim policy Delete)", name(), name);
            }
            client.persistentVolumes().withName(name).delete();
        }
    }

    // ---- helpers ----

    private PersistentVolumeClaim editClaim(PersistentVolumeClaim claim, Consumer<PersistentVolumeClaim> change) {
        return claimResource(claim)
                .edit(c -> {
                    if (c.getMetadata().getAnnotations() == null) {
                        c.getMetadata().setAnnotations(new java.util.HashMap<>());
                    }
                    change.accept(c);
                    return c;
                });
    }

    private Optional<StorageClass> defaultClass() {
        // Like the DefaultStorageClass admission plugin: the newest of several defaults wins.
        return classes.getIndexer().list().stream()
                .filter(c -> c.getMetadata().getAnnotations() != null
                        && "true".equals(c.getMetadata().getAnnotations().get(SimulatedStorageClasses.DEFAULT_CLASS_ANNOTATION)))
                .max(Comparator.comparing((StorageClass c) -> Objects.toString(c.getMetadata().getCreationTimestamp(), ""))
                        .thenComparing(c -> c.getMetadata().getName()));
    }

    private List<Pod> podsUsing(PersistentVolumeClaim claim) {
        return pods.getIndexer().byIndex(CLAIMS_OF_POD, Cache.metaNamespaceKeyFunc(claim));
    }

    private Collection<PersistentVolumeClaim> unboundClaims() {
        return claims.getIndexer().list().stream()
                .filter(claim -> claim.getSpec().getVolumeName() == null || claim.getSpec().getVolumeName().isEmpty())
                .toList();
    }

    private void enqueueClaimsRestoringFrom(String namespace, String snapshot) {
        claims.getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace).stream()
                .filter(claim -> snapshotSource(claim).map(s -> s.getName().equals(snapshot)).orElse(false))
                .forEach(this::enqueueClaim);
    }

    private void enqueueClaim(PersistentVolumeClaim claim) {
        enqueue(CLAIM + Cache.metaNamespaceKeyFunc(claim));
    }

    private static List<String> claimKeysOf(Pod pod) {
        if (pod.getSpec() == null || pod.getSpec().getVolumes() == null) {
            return List.of();
        }
        return pod.getSpec().getVolumes().stream()
                .filter(volume -> volume.getPersistentVolumeClaim() != null)
                .map(volume -> pod.getMetadata().getNamespace() + "/" + volume.getPersistentVolumeClaim().getClaimName())
                .toList();
    }

    private static Optional<TypedLocalObjectReference> snapshotSource(PersistentVolumeClaim claim) {
        return Optional.ofNullable(claim.getSpec().getDataSource()).filter(s -> "VolumeSnapshot".equals(s.getKind()));
    }

    static String volumeNameFor(PersistentVolumeClaim claim) {
        return "pvc-" + claim.getMetadata().getUid();
    }

    static Optional<Quantity> requestedStorage(PersistentVolumeClaim claim) {
        if (claim.getSpec().getResources() == null || claim.getSpec().getResources().getRequests() == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(claim.getSpec().getResources().getRequests().get("storage"));
    }

    static BigDecimal bytes(Quantity quantity) {
        return quantity.getNumericalAmount();
    }

    private static PersistentVolumeClaimStatus statusOf(PersistentVolumeClaim claim) {
        if (claim.getStatus() == null) {
            claim.setStatus(new PersistentVolumeClaimStatus());
        }
        return claim.getStatus();
    }

    private static PersistentVolumeStatus statusOf(PersistentVolume volume) {
        if (volume.getStatus() == null) {
            volume.setStatus(new PersistentVolumeStatus());
        }
        return volume.getStatus();
    }

    private static String phase(PersistentVolumeClaim claim) {
        return claim.getStatus() == null ? null : claim.getStatus().getPhase();
    }
}
