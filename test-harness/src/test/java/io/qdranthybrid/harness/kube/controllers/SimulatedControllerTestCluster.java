package io.qdranthybrid.harness.kube.controllers;

import io.qdranthybrid.harness.kube.controllers.kubelet.KubeletSettings;
import io.qdranthybrid.harness.kube.controllers.kubelet.NodePool;
import io.qdranthybrid.harness.kube.controllers.machinery.ControllersSettled;
import io.qdranthybrid.harness.kube.controllers.machinery.PodState;
import io.qdranthybrid.harness.kube.controllers.kubelet.SimulatedKubelet;
import io.qdranthybrid.harness.kube.controllers.scheduler.SimulatedScheduler;
import io.qdranthybrid.harness.kube.controllers.statefulset.StatefulSetController;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.qdranthybrid.harness.kube.SimulatedApiServer;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A simulated API server with the StatefulSet controller, scheduler and kubelet running against it,
 * for the controllers' tests. Probes run ten times faster than written; crash back-off is short.
 */
public final class SimulatedControllerTestCluster implements AutoCloseable {

    public static final String NAMESPACE = "apps";

    public final SimulatedApiServer api;
    public final KubernetesClient client;
    public final KubeletFakeRuntime runtime = new KubeletFakeRuntime();
    public final StatefulSetController statefulSets;
    public final SimulatedScheduler scheduler;
    public final SimulatedKubelet kubelet;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    public SimulatedControllerTestCluster() {
        this(NodePool.defaults());
    }

    public SimulatedControllerTestCluster(NodePool nodes) {
        api = SimulatedApiServer.start();
        client = api.newClient(NAMESPACE);
        client.resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build()).create();
        statefulSets = new StatefulSetController(client);
        scheduler = new SimulatedScheduler(client);
        KubeletSettings settings = KubeletSettings.defaults().withProbeTimeScale(0.1)
                .withCrashBackOff(Duration.ofMillis(100), Duration.ofMillis(800));
        kubelet = new SimulatedKubelet(client, runtime, nodes, settings, Clock.systemUTC());
        kubelet.start();
        scheduler.start();
        statefulSets.start();
    }

    /**
     * Binds every claim to a new PersistentVolume with a CSI handle, standing in for the storage
     * controller another component provides.
     */
    public void bindClaimsAutomatically() {
        Watch watch = client.persistentVolumeClaims().inAnyNamespace().watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, PersistentVolumeClaim claim) {
                if (action != Action.ADDED || claim.getSpec().getVolumeName() != null) {
                    return;
                }
                bind(claim);
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
        closeables.add(watch::close);
    }

    /** Creates a volume for the claim and binds them like the PV controller does. */
    public void bind(PersistentVolumeClaim claim) {
        String pvName = "pvc-" + claim.getMetadata().getUid();
        PersistentVolume volume = new PersistentVolumeBuilder()
                .withNewMetadata().withName(pvName).endMetadata()
                .withNewSpec()
                .withCapacity(Map.of("storage", new Quantity("1Gi")))
                .withAccessModes("ReadWriteOnce")
                .withNewCsi().withDriver("csi.simulated").withVolumeHandle("handle-" + claim.getMetadata().getName()).endCsi()
                .withNewClaimRef().withNamespace(claim.getMetadata().getNamespace())
                .withName(claim.getMetadata().getName()).withUid(claim.getMetadata().getUid()).endClaimRef()
                .endSpec().build();
        client.resource(volume).create();
        var claims = client.persistentVolumeClaims().inNamespace(claim.getMetadata().getNamespace())
                .withName(claim.getMetadata().getName());
        claims.patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"volumeName\":\"" + pvName + "\"}}");
        claims.subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\":{\"phase\":\"Bound\"}}");
    }

    /** A StatefulSet of {@code replicas} with an HTTP readiness probe at /readyz every (scaled) second. */
    public static StatefulSetBuilder statefulSet(String name, int replicas) {
        return new StatefulSetBuilder()
                .withNewMetadata().withName(name).withNamespace(NAMESPACE).endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .withServiceName(name + "-headless")
                .withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate()
                .withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec()
                .addToContainers(new ContainerBuilder()
                        .withName("main")
                        .withImage("example/app:1")
                        .withReadinessProbe(new ProbeBuilder().withNewHttpGet().withPath(KubeletFakeRuntime.READINESS_PATH)
                                .withNewPort(8080).endHttpGet().withPeriodSeconds(1).build())
                        .build())
                .endSpec()
                .endTemplate()
                .endSpec();
    }

    /** Waits until the StatefulSet controller, the scheduler and the kubelet have done all they would do by now. */
    public void awaitSettled() {
        ControllersSettled.await(api, statefulSets, scheduler, kubelet);
    }

    public StatefulSet create(StatefulSet set) {
        return client.resource(set).create();
    }

    public StatefulSet get(String name) {
        return client.apps().statefulSets().inNamespace(NAMESPACE).withName(name).get();
    }

    public Pod pod(String name) {
        return client.pods().inNamespace(NAMESPACE).withName(name).get();
    }

    public boolean isReady(String podName) {
        Pod pod = pod(podName);
        return pod != null && PodState.isRunningAndReady(pod);
    }

    /** All pods of the set exist and are Running and Ready, and the status says so. */
    public boolean allReady(String setName, int replicas) {
        for (int i = 0; i < replicas; i++) {
            if (!isReady(setName + "-" + i)) {
                return false;
            }
        }
        StatefulSet set = get(setName);
        return set.getStatus() != null && set.getStatus().getReadyReplicas() != null
                && set.getStatus().getReadyReplicas() == replicas;
    }

    @Override
    public void close() {
        for (AutoCloseable closeable : closeables) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not close " + closeable, e);
            }
        }
        statefulSets.stop();
        scheduler.stop();
        kubelet.stop();
        client.close();
        api.close();
    }
}
