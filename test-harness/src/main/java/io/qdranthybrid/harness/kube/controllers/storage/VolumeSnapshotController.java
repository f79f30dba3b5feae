package io.qdranthybrid.harness.kube.controllers.storage;

import io.qdranthybrid.harness.kube.controllers.machinery.ControllerIdentity;
import io.qdranthybrid.harness.kube.controllers.machinery.InformerController;
import io.qdranthybrid.harness.kube.controllers.machinery.SharedInformers;
import io.qdranthybrid.harness.kube.controllers.machinery.ControllerEventRecorder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.qdranthybrid.harness.kube.controllers.machinery.ControllerEventRecorder.Type;
import io.qdranthybrid.harness.runtime.VolumeData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The simulated snapshot-controller and CSI snapshotter for snapshot.storage.k8s.io/v1.
 *
 * <p>A VolumeSnapshot of a bound claim is cut {@code snapshotDelay} after it is first seen: the
 * volume's data is copied ({@link VolumeData#snapshot}), a cluster-scoped VolumeSnapshotContent
 * {@code snapcontent-<snapshot uid>} records the snapshot handle, and the snapshot's status becomes
 * {@code readyToUse: true} with {@code boundVolumeSnapshotContentName}, {@code creationTime} and
 * {@code restoreSize}. Until then {@code readyToUse} is false. Whatever prevents it (missing or
 * unbound claim, unknown class, class of another driver) is reported in {@code status.error} and a
 * Warning Event, and retried when the claim or the classes change.
 *
 * <p>A deleted VolumeSnapshot's content is deleted with its data ({@link VolumeData#deleteSnapshot})
 * when its deletion policy is Delete, and kept when it is Retain. Pre-provisioned snapshots
 * ({@code spec.source.volumeSnapshotContentName}) are bound to their content. The real controllers'
 * protection finalizers are not simulated.
 */
public final class VolumeSnapshotController extends InformerController {

    /** The external-snapshotter's snapshot-controller ServiceAccount (deploy/kubernetes/snapshot-controller/rbac-snapshot-controller.yaml). */
    public static final ControllerIdentity IDENTITY = ControllerIdentity.kubeSystemServiceAccount("snapshot-controller");

    public static final Duration DEFAULT_SNAPSHOT_DELAY = Duration.ofMillis(200);

    private static final String COMPONENT = "snapshot-controller";
    private static final String SNAPSHOT = "snapshot:";
    private static final String CONTENT = "content:";
    private static final Logger LOG = LoggerFactory.getLogger(VolumeSnapshotController.class);

    private final VolumeData volumeData;
    private final Duration snapshotDelay;
    private final ControllerEventRecorder events;
    /** When each snapshot (by uid) was first seen, to cut it {@link #snapshotDelay} later. */
    private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();
    /** uids of the contents whose snapshot data this controller deleted. */
    private final Set<String> deletedContents = ConcurrentHashMap.newKeySet();
    private SharedIndexInformer<GenericKubernetesResource> snapshots;
    private SharedIndexInformer<GenericKubernetesResource> contents;
    private SharedIndexInformer<GenericKubernetesResource> classes;
    private SharedIndexInformer<PersistentVolumeClaim> claims;
    private SharedIndexInformer<PersistentVolume> volumes;

    public VolumeSnapshotController(KubernetesClient client, VolumeData volumeData) {
        this(client, volumeData, DEFAULT_SNAPSHOT_DELAY);
    }

    /** @param snapshotDelay how long the simulated CSI driver takes to cut a snapshot */
    public VolumeSnapshotController(KubernetesClient client, VolumeData volumeData, Duration snapshotDelay) {
        this(SharedInformers.privateTo(Objects.requireNonNull(client, "client")), volumeData, snapshotDelay);
    }

    /** On informers shared with other controllers. */
    public VolumeSnapshotController(SharedInformers informers, VolumeData volumeData, Duration snapshotDelay) {
        super("volume-snapshot-controller", IDENTITY, informers, 2);
        this.volumeData = Objects.requireNonNull(volumeData, "volumeData");
        if (snapshotDelay.isNegative()) {
            throw new IllegalArgumentException("snapshotDelay " + snapshotDelay + " is negative");
        }
        this.snapshotDelay = snapshotDelay;
        this.events = new ControllerEventRecorder(client, COMPONENT, VolumeSnapshotView.API_VERSION, "VolumeSnapshot");
    }

    @Override
    protected void registerInformers() {
        snapshots = generic(SimulatedStorageClasses.VOLUME_SNAPSHOTS, false, onAnyChange(snapshot -> {
            enqueue(SNAPSHOT + Cache.metaNamespaceKeyFunc(snapshot));
            VolumeSnapshotView view = new VolumeSnapshotView(snapshot);
            enqueue(CONTENT + view.boundContentName().orElse(contentNameFor(view)));
        }));
        contents = generic(SimulatedStorageClasses.VOLUME_SNAPSHOT_CONTENTS, false, onAnyChange(content -> {
            enqueue(CONTENT + content.getMetadata().getName());
            VolumeSnapshotView view = new VolumeSnapshotView(content);
            view.refName().ifPresent(name -> enqueue(SNAPSHOT + view.refNamespace().orElse("") + "/" + name));
        }));
        classes = generic(SimulatedStorageClasses.VOLUME_SNAPSHOT_CLASSES, false,
                onAnyChange(snapshotClass -> snapshots.getIndexer().list().stream()
                        .filter(snapshot -> !new VolumeSnapshotView(snapshot).readyToUse())
                        .forEach(snapshot -> enqueue(SNAPSHOT + Cache.metaNamespaceKeyFunc(snapshot)))));
        claims = informWith(PersistentVolumeClaim.class, onAnyChange(claim ->
                enqueueSnapshotsOf(claim.getMetadata().getNamespace(), claim.getMetadata().getName())));
        // A claim may be seen bound before its volume is: the volume's arrival wakes its snapshots too.
        volumes = informWith(PersistentVolume.class, onAnyChange(volume -> Optional.ofNullable(volume.getSpec().getClaimRef())
                .ifPresent(ref -> enqueueSnapshotsOf(ref.getNamespace(), ref.getName()))));
    }

    private void enqueueSnapshotsOf(String namespace, String claimName) {
        snapshots.getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace).stream()
                .filter(snapshot -> new VolumeSnapshotView(snapshot).sourceClaimName().map(claimName::equals).orElse(false))
                .forEach(snapshot -> enqueue(SNAPSHOT + Cache.metaNamespaceKeyFunc(snapshot)));
    }

    @Override
    protected void reconcile(String key) {
        if (key.startsWith(SNAPSHOT)) {
            reconcileSnapshot(key.substring(SNAPSHOT.length()));
        } else {
            reconcileContent(key.substring(CONTENT.length()));
        }
    }

    // ---- snapshots ----

    /** Why a snapshot cannot be cut (yet); becomes {@code status.error.message}. */
    private static final class SnapshotRefused extends Exception {
        private static final long serialVersionUID = 1L;

        SnapshotRefused(String message) {
            super(message, null, false, false);
        }
    }

    private void reconcileSnapshot(String key) {
        GenericKubernetesResource found = snapshots.getIndexer().getByKey(key);
        if (found == null) {
            return;
        }
        VolumeSnapshotView snapshot = new VolumeSnapshotView(found);
        if (found.getMetadata().getDeletionTimestamp() != null || snapshot.readyToUse()) {
            firstSeen.remove(snapshot.uid());
            return;
        }
        try {
            if (snapshot.sourceContentName().isPresent()) {
                bindPreProvisioned(found, snapshot, snapshot.sourceContentName().get());
            } else {
                cut(found, snapshot);
            }
        } catch (SnapshotRefused refused) {
            reportError(found, snapshot, refused.getMessage());
        }
    }

    private void cut(GenericKubernetesResource found, VolumeSnapshotView snapshot) throws SnapshotRefused {
        String claimName = snapshot.sourceClaimName().orElseThrow(() -> new SnapshotRefused(
                "spec.source must name a persistentVolumeClaimName or a volumeSnapshotContentName"));
        String prefix = "failed to get input parameters to create snapshot " + snapshot.name() + ": ";
        PersistentVolumeClaim claim = claims.getIndexer().getByKey(snapshot.namespace() + "/" + claimName);
        if (claim == null) {
            throw new SnapshotRefused(prefix + "persistentvolumeclaim \"" + claimName + "\" not found");
        }
        String volumeName = claim.getSpec().getVolumeName();
        boolean bound = claim.getStatus() != null && "Bound".equals(claim.getStatus().getPhase());
        if (volumeName == null || volumeName.isEmpty() || !bound) {
            throw new SnapshotRefused("the PVC " + claimName + " is not yet bound to a PV, will not attempt to take a snapshot");
        }
        PersistentVolume volume = volumes.getIndexer().getByKey(volumeName);
        if (volume == null || volume.getSpec().getCsi() == null) {
            throw new SnapshotRefused(prefix + "persistentvolume \"" + volumeName + "\" of PVC " + claimName
                    + (volume == null ? " not found" : " is not a CSI volume"));
        }
        String driver = volume.getSpec().getCsi().getDriver();
        Optional<String> requestedClass = snapshot.className();
        if (requestedClass.isEmpty()) {
            String defaultClass = defaultClassFor(driver);
            // Like the real snapshot-controller: the chosen default is written into the snapshot's spec.
            snapshotResource(snapshot).edit(s -> {
                Map<String, Object> spec = s.get("spec");
                spec.put("volumeSnapshotClassName", defaultClass);
                return s;
            });
            return;
        }
        GenericKubernetesResource snapshotClass = classes.getIndexer().getByKey(requestedClass.get());
        if (snapshotClass == null) {
            throw new SnapshotRefused("failed to get snapshot class with error volumesnapshotclasses.snapshot.storage.k8s.io \""
                    + requestedClass.get() + "\" not found");
        }
        VolumeSnapshotView classView = new VolumeSnapshotView(snapshotClass);
        if (!driver.equals(classView.driver().orElse(""))) {
            throw new SnapshotRefused("VolumeSnapshotClass \"" + requestedClass.get() + "\" is for driver \""
                    + classView.driver().orElse("") + "\", but the volume of PVC " + claimName + " is provisioned by driver \"" + driver + "\"");
        }
        Instant seen = firstSeen.computeIfAbsent(snapshot.uid(), uid -> Instant.now());
        Duration remaining = Duration.between(Instant.now(), seen.plus(snapshotDelay));
        if (remaining.compareTo(Duration.ZERO) > 0) {
            if (!Boolean.FALSE.equals(found.get("status", "readyToUse")) || snapshot.errorMessage().isPresent()) {
                snapshotResource(snapshot).editStatus(s -> {
                    s.getAdditionalProperties().put("status", new LinkedHashMap<>(Map.of("readyToUse", false)));
                    return s;
                });
                events.record(found, Type.Normal, "CreatingSnapshot",
                        "Waiting for a snapshot " + snapshot.namespace() + "/" + snapshot.name() + " to be created by the CSI driver.");
            }
            enqueueAfter(SNAPSHOT + snapshot.namespace() + "/" + snapshot.name(), remaining);
            return;
        }
        // The restore size is the volume's size, as a CSI driver reports it.
        Quantity size = Optional.ofNullable(volume.getSpec().getCapacity()).map(c -> c.get("storage"))
                .orElseThrow(() -> new SnapshotRefused("persistentvolume \"" + volumeName + "\" has no spec.capacity.storage"));
        String contentName = contentNameFor(snapshot);
        String snapshotHandle = "snapshot-" + snapshot.uid();
        GenericKubernetesResource content = contents.getIndexer().getByKey(contentName);
        if (content == null) {
            content = createContent(snapshot, contentName, driver, classView.deletionPolicy().orElse("Delete"),
                    requestedClass.get(), volume.getSpec().getCsi().getVolumeHandle());
        }
        Instant creationTime = Instant.now();
        if (new VolumeSnapshotView(content).contentSnapshotHandle().isEmpty()) {
            volumeData.snapshot(volume.getSpec().getCsi().getVolumeHandle(), snapshotHandle);
            long nanos = creationTime.getEpochSecond() * 1_000_000_000L + creationTime.getNano();
            long restoreBytes = size.getNumericalAmount().longValue();
            client.genericKubernetesResources(SimulatedStorageClasses.VOLUME_SNAPSHOT_CONTENTS).withName(contentName).editStatus(c -> {
                c.getAdditionalProperties().put("status", new LinkedHashMap<>(Map.of("snapshotHandle", snapshotHandle,
                        "creationTime", nanos, "readyToUse", true, "restoreSize", restoreBytes)));
                return c;
            });
            events.record(found, Type.Normal, "SnapshotCreated",
                    "Snapshot " + snapshot.namespace() + "/" + snapshot.name() + " was successfully created by the CSI driver.");
        }
        markReady(snapshot, contentName, creationTime, size);
        LOG.info("{}: snapshot {}/{} of volume {} is ready ({}, content {})", name(), snapshot.namespace(), snapshot.name(),
                volume.getSpec().getCsi().getVolumeHandle(), snapshotHandle, contentName);
    }

    private GenericKubernetesResource createContent(VolumeSnapshotView snapshot, String contentName, String driver,
            String deletionPolicy, String className, String volumeHandle) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("driver", driver);
        spec.put("deletionPolicy", deletionPolicy);
        spec.put("volumeSnapshotClassName", className);
        spec.put("source", Map.of("volumeHandle", volumeHandle));
        spec.put("volumeSnapshotRef", Map.of(
                "apiVersion", VolumeSnapshotView.API_VERSION,
                "kind", "VolumeSnapshot",
                "namespace", snapshot.namespace(),
                "name", snapshot.name(),
                "uid", snapshot.uid(),
                "resourceVersion", snapshot.raw().getMetadata().getResourceVersion()));
        GenericKubernetesResource content = new GenericKubernetesResourceBuilder()
                .withApiVersion(VolumeSnapshotView.API_VERSION).withKind("VolumeSnapshotContent")
                .withNewMetadata().withName(contentName).endMetadata()
                .addToAdditionalProperties("spec", spec)
                .build();
        try {
            return client.genericKubernetesResources(SimulatedStorageClasses.VOLUME_SNAPSHOT_CONTENTS).resource(content).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
            return client.genericKubernetesResources(SimulatedStorageClasses.VOLUME_SNAPSHOT_CONTENTS).withName(contentName).require();
        }
    }

    private void bindPreProvisioned(GenericKubernetesResource found, VolumeSnapshotView snapshot, String contentName) throws SnapshotRefused {
        GenericKubernetesResource content = contents.getIndexer().getByKey(contentName);
        if (content == null) {
            throw new SnapshotRefused("VolumeSnapshotContent \"" + contentName + "\" not found");
        }
        VolumeSnapshotView view = new VolumeSnapshotView(content);
        if (!view.refName().orElse("").equals(snapshot.name()) || !view.refNamespace().orElse("").equals(snapshot.namespace())) {
            throw new SnapshotRefused("VolumeSnapshotContent \"" + contentName + "\" is not bound to this snapshot: its "
                    + "spec.volumeSnapshotRef names " + view.refNamespace().orElse("") + "/" + view.refName().orElse(""));
        }
        if (view.contentSnapshotHandle().isEmpty()) {
            throw new SnapshotRefused("VolumeSnapshotContent \"" + contentName + "\" has no status.snapshotHandle yet");
        }
        Object restoreBytes = content.get("status", "restoreSize");
        Quantity size = restoreBytes == null ? null : new Quantity(restoreBytes.toString());
        markReady(snapshot, contentName, Instant.now(), size);
        LOG.info("{}: snapshot {}/{} bound to pre-provisioned content {}", name(), snapshot.namespace(), snapshot.name(), contentName);
        events.record(found, Type.Normal, "SnapshotReady", "Snapshot " + snapshot.namespace() + "/" + snapshot.name() + " is ready to use.");
    }

    private void markReady(VolumeSnapshotView snapshot, String contentName, Instant creationTime, Quantity size) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("boundVolumeSnapshotContentName", contentName);
        status.put("creationTime", creationTime.truncatedTo(ChronoUnit.SECONDS).toString());
        status.put("readyToUse", true);
        if (size != null) {
            status.put("restoreSize", size.toString());
        }
        snapshotResource(snapshot).editStatus(s -> {
            s.getAdditionalProperties().put("status", status);
            return s;
        });
        events.record(snapshot.raw(), Type.Normal, "SnapshotReady",
                "Snapshot " + snapshot.namespace() + "/" + snapshot.name() + " is ready to use.");
        firstSeen.remove(snapshot.uid());
    }

    private void reportError(GenericKubernetesResource found, VolumeSnapshotView snapshot, String message) {
        if (snapshot.errorMessage().filter(message::equals).isPresent()) {
            return;
        }
        Map<String, Object> status = new HashMap<>();
        status.put("readyToUse", false);
        status.put("error", Map.of("message", message, "time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()));
        snapshotResource(snapshot).editStatus(s -> {
            s.getAdditionalProperties().put("status", status);
            return s;
        });
        events.record(found, Type.Warning, "SnapshotCreationFailed", message);
        LOG.info("{}: snapshot {}/{} cannot be taken: {}", name(), snapshot.namespace(), snapshot.name(), message);
    }

    private String defaultClassFor(String driver) throws SnapshotRefused {
        List<String> defaults = classes.getIndexer().list().stream()
                .filter(c -> c.getMetadata().getAnnotations() != null && "true".equals(
                        c.getMetadata().getAnnotations().get(SimulatedStorageClasses.DEFAULT_SNAPSHOT_CLASS_ANNOTATION)))
                .filter(c -> driver.equals(new VolumeSnapshotView(c).driver().orElse("")))
                .map(c -> c.getMetadata().getName())
                .sorted()
                .toList();
        if (defaults.isEmpty()) {
            throw new SnapshotRefused("failed to get default snapshot class with error cannot find default snapshot class for driver " + driver);
        }
        if (defaults.size() > 1) {
            throw new SnapshotRefused("failed to get default snapshot class with error " + defaults.size()
                    + " default snapshot classes were found for driver " + driver + ": " + defaults);
        }
        return defaults.get(0);
    }

    // ---- contents ----

    private void reconcileContent(String name) {
        GenericKubernetesResource content = contents.getIndexer().getByKey(name);
        if (content == null) {
            return;
        }
        VolumeSnapshotView view = new VolumeSnapshotView(content);
        if (view.refName().isEmpty() || view.refUid().isEmpty()) {
            return;
        }
        String snapshotKey = view.refNamespace().orElse("") + "/" + view.refName().get();
        GenericKubernetesResource snapshot = snapshots.getIndexer().getByKey(snapshotKey);
        if (snapshot != null && view.refUid().get().equals(snapshot.getMetadata().getUid())) {
            return;
        }
        // Confirm on the API server before deleting data: the two informers may disagree for a moment.
        GenericKubernetesResource live = client.genericKubernetesResources(SimulatedStorageClasses.VOLUME_SNAPSHOTS)
                .inNamespace(view.refNamespace().orElse("")).withName(view.refName().get()).get();
        if (live != null && view.refUid().get().equals(live.getMetadata().getUid())) {
            return;
        }
        if (!"Delete".equals(view.deletionPolicy().orElse("Delete"))) {
            return;
        }
        // A stale cache may show a content already deleted; its data is deleted only once.
        if (deletedContents.add(content.getMetadata().getUid())) {
            view.contentSnapshotHandle().ifPresent(volumeData::deleteSnapshot);
            LOG.info("{}: deleting {} and its snapshot data: VolumeSnapshot {} is gone (deletionPolicy Delete)", name(), name, snapshotKey);
        }
        client.genericKubernetesResources(SimulatedStorageClasses.VOLUME_SNAPSHOT_CONTENTS).withName(name).delete();
    }

    private Resource<GenericKubernetesResource> snapshotResource(VolumeSnapshotView snapshot) {
        return client.genericKubernetesResources(SimulatedStorageClasses.VOLUME_SNAPSHOTS)
                .inNamespace(snapshot.namespace()).withName(snapshot.name());
    }

    private static String contentNameFor(VolumeSnapshotView snapshot) {
        return "snapcontent-" + snapshot.uid();
    }
}
