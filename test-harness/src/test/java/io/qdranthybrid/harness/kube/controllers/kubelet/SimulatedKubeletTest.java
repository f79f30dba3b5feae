package io.qdranthybrid.harness.kube.controllers.kubelet;

import io.qdranthybrid.harness.kube.controllers.machinery.ControllersSettled;
import io.qdranthybrid.harness.kube.controllers.KubeletFakeRuntime;
import io.qdranthybrid.harness.kube.controllers.machinery.PodState;
import io.qdranthybrid.harness.kube.controllers.SimulatedControllerTestCluster;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.qdranthybrid.harness.runtime.ContainerLaunch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.qdranthybrid.harness.kube.controllers.SimulatedControllerTestCluster.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SimulatedKubeletTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(8);

    private SimulatedControllerTestCluster cluster;
    private Watch watch;

    @BeforeEach
    void startCluster() {
        cluster = new SimulatedControllerTestCluster();
    }

    @AfterEach
    void stopCluster() {
        if (watch != null) {
            watch.close();
        }
        cluster.close();
    }

    private static PodBuilder pod(String name) {
        return new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(NAMESPACE).addToLabels("app", "kv").endMetadata()
                .withNewSpec()
                .addNewContainer().withName("main").withImage("example/app:1").withArgs("--port", "$(PORT)")
                .withReadinessProbe(new ProbeBuilder().withNewHttpGet().withPath(KubeletFakeRuntime.READINESS_PATH)
                        .withNewPort(8080).endHttpGet().withPeriodSeconds(1).build())
                .endContainer()
                .endSpec();
    }

    private Pod create(Pod pod) {
        return cluster.client.resource(pod).create();
    }

    private ContainerStatus mainStatus(String podName) {
        Pod pod = cluster.pod(podName);
        if (pod == null || pod.getStatus() == null || pod.getStatus().getContainerStatuses().isEmpty()) {
            return null;
        }
        return pod.getStatus().getContainerStatuses().get(0);
    }

    private String waitingReason(String podName) {
        ContainerStatus status = mainStatus(podName);
        return status == null || status.getState().getWaiting() == null ? null : status.getState().getWaiting().getReason();
    }

    @Test
    void launchSeesResolvedEnvFilesAndVolumeHandles() {
        cluster.client.resource(new SecretBuilder().withNewMetadata().withName("creds").endMetadata()
                .addToData("api-key", base64("s3cret")).addToData("tls.key", base64("KEY")).build()).create();
        cluster.client.resource(new ConfigMapBuilder().withNewMetadata().withName("conf").endMetadata()
                .addToData("mode", "fast").addToData("config.yaml", "a: 1").addToData("other", "x").build()).create();
        PersistentVolumeClaim claim = cluster.client.resource(claim("data-kv-0")).create();
        cluster.bind(claim);

        create(pod("kv-0").editSpec()
                .editFirstContainer()
                .addNewEnv().withName("PORT").withValue("6333").endEnv()
                .addNewEnv().withName("API_KEY").withNewValueFrom().withNewSecretKeyRef("api-key", "creds", false)
                .endValueFrom().endEnv()
                .addNewEnv().withName("MODE").withNewValueFrom().withNewConfigMapKeyRef("mode", "conf", false)
                .endValueFrom().endEnv()
                .addNewEnv().withName("POD_NAME").withNewValueFrom().withNewFieldRef().withFieldPath("metadata.name")
                .endFieldRef().endValueFrom().endEnv()
                .addNewEnv().withName("POD_NAMESPACE").withNewValueFrom().withNewFieldRef()
                .withFieldPath("metadata.namespace").endFieldRef().endValueFrom().endEnv()
                .addNewEnv().withName("APP").withNewValueFrom().withNewFieldRef()
                .withFieldPath("metadata.labels['app']").endFieldRef().endValueFrom().endEnv()
                .addNewEnv().withName("POD_IP").withNewValueFrom().withNewFieldRef().withFieldPath("status.podIP")
                .endFieldRef().endValueFrom().endEnv()
                .addNewVolumeMount().withName("conf").withMountPath("/etc/app").endVolumeMount()
                .addNewVolumeMount().withName("tls").withMountPath("/etc/tls/server.key").withSubPath("tls.key").endVolumeMount()
                .addNewVolumeMount().withName("data").withMountPath("/var/lib/app").endVolumeMount()
                .endContainer()
                .addNewVolume().withName("conf").withNewConfigMap().withName("conf")
                .addNewItem().withKey("config.yaml").withPath("config/app.yaml").endItem().endConfigMap().endVolume()
                .addNewVolume().withName("tls").withNewSecret().withSecretName("creds").endSecret().endVolume()
                .addNewVolume().withName("data").withNewPersistentVolumeClaim().withClaimName("data-kv-0")
                .endPersistentVolumeClaim().endVolume()
                .endSpec().build());

        await().atMost(TIMEOUT).until(() -> cluster.isReady("kv-0"));
        ContainerLaunch launch = cluster.runtime.launchesOf("kv-0").get(0);
        assertThat(launch.env()).containsEntry("PORT", "6333").containsEntry("API_KEY", "s3cret")
                .containsEntry("MODE", "fast").containsEntry("POD_NAME", "kv-0").containsEntry("POD_NAMESPACE", NAMESPACE)
                .containsEntry("APP", "kv").containsEntry("POD_IP", "127.0.0.1");
        assertThat(launch.args()).containsExactly("--port", "6333");
        assertThat(launch.files()).containsOnly(
                org.assertj.core.api.Assertions.entry("/etc/app/config/app.yaml", "a: 1"),
                org.assertj.core.api.Assertions.entry("/etc/tls/server.key", "KEY"));
        assertThat(launch.volumes()).containsOnly(org.assertj.core.api.Assertions.entry("/var/lib/app", "handle-data-kv-0"));
        assertThat(launch.podUid()).isEqualTo(cluster.pod("kv-0").getMetadata().getUid());
    }

    @Test
    void podStatusReportsRunningReadyContainerLikeTheKubelet() {
        create(pod("kv-0").build());
        await().atMost(TIMEOUT).until(() -> cluster.isReady("kv-0"));

        Pod pod = cluster.pod("kv-0");
        assertThat(pod.getStatus().getPodIP()).isEqualTo("127.0.0.1");
        assertThat(pod.getStatus().getStartTime()).isNotBlank();
        assertThat(pod.getStatus().getConditions()).extracting(c -> c.getType() + "=" + c.getStatus())
                .contains("PodScheduled=True", "Initialized=True", "ContainersReady=True", "Ready=True");
        ContainerStatus status = mainStatus("kv-0");
        assertThat(status.getReady()).isTrue();
        assertThat(status.getStarted()).isTrue();
        assertThat(status.getRestartCount()).isZero();
        assertThat(status.getState().getRunning().getStartedAt()).isNotBlank();
        assertThat(status.getImage()).isEqualTo("docker.io/example/app:1");
        assertThat(status.getImageID()).startsWith("docker.io/example/app@sha256:");
    }

    @Test
    void podStaysPendingUntilItsClaimIsBound() {
        PersistentVolumeClaim claim = cluster.client.resource(claim("data-kv-0")).create();
        create(pod("kv-0").editSpec().addNewVolume().withName("data").withNewPersistentVolumeClaim()
                .withClaimName("data-kv-0").endPersistentVolumeClaim().endVolume().endSpec().build());

        await().atMost(TIMEOUT).until(() -> "ContainerCreating".equals(waitingReason("kv-0")));
        cluster.awaitSettled();
        assertThat(PodState.phase(cluster.pod("kv-0"))).isEqualTo("Pending");
        assertThat(cluster.runtime.launches).as("containers started before the claim is bound").isEmpty();

        cluster.bind(claim);

        await().atMost(TIMEOUT).until(() -> cluster.isReady("kv-0"));
    }

    @Test
    void missingSecretKeepsTheContainerWaitingWithCreateContainerConfigErrorUntilItExists() {
        create(pod("kv-0").editSpec().editFirstContainer().addNewEnv().withName("API_KEY").withNewValueFrom()
                .withNewSecretKeyRef("api-key", "creds", false).endValueFrom().endEnv().endContainer().endSpec().build());

        await().atMost(TIMEOUT).until(() -> "CreateContainerConfigError".equals(waitingReason("kv-0")));
        assertThat(mainStatus("kv-0").getState().getWaiting().getMessage()).isEqualTo("secret \"creds\" not found");
        assertThat(PodState.phase(cluster.pod("kv-0"))).isEqualTo("Pending");
        assertThat(cluster.runtime.launches).isEmpty();

        cluster.client.resource(new SecretBuilder().withNewMetadata().withName("creds").endMetadata()
                .addToStringData("api-key", "late").build()).create();

        await().atMost(TIMEOUT).until(() -> cluster.isReady("kv-0"));
        assertThat(cluster.runtime.launchesOf("kv-0").get(0).env()).containsEntry("API_KEY", "late");
    }

    @Test
    void anImageOfARegistryThatDoesNotResolveIsNeverStartedAndAlternatesErrImagePullAndImagePullBackOff() {
        Map<String, String> waitingMessages = new ConcurrentHashMap<>();
        List<String> waitingReasons = recordWaitingReasons(waitingMessages);
        create(pod("kv-0").editSpec().editFirstContainer().withImage("registry.invalid/example/app:1").endContainer()
                .endSpec().build());

        await().atMost(TIMEOUT).until(() -> waitingReasons.contains("ErrImagePull")
                && waitingReasons.contains("ImagePullBackOff"));
        // The message of a failed attempt, as the watch saw it: polling the pod could land in the back-off every time.
        String pullError = waitingMessages.get("ErrImagePull");
        assertThat(pullError)
                .startsWith("rpc error: code = Unknown desc = failed to pull and unpack image \"registry.invalid/example/app:1\"")
                .endsWith("dial tcp: lookup registry.invalid: no such host");
        assertThat(mainStatus("kv-0").getImage()).isEqualTo("registry.invalid/example/app:1");
        assertThat(PodState.phase(cluster.pod("kv-0"))).isEqualTo("Pending");
        assertThat(cluster.runtime.launches).isEmpty();
    }

    @Test
    void crashedContainerRestartsWithIncrementedRestartCountAndBecomesReadyAgain() {
        List<String> waitingReasons = recordWaitingReasons();
        create(pod("kv-0").build());
        await().atMost(TIMEOUT).until(() -> cluster.isReady("kv-0"));

        cluster.runtime.container("kv-0").crash(2);

        await().atMost(TIMEOUT).until(() -> mainStatus("kv-0").getRestartCount() == 1 && cluster.isReady("kv-0"));
        ContainerStatus status = mainStatus("kv-0");
        assertThat(status.getLastState().getTerminated().getExitCode()).isEqualTo(2);
        assertThat(status.getLastState().getTerminated().getReason()).isEqualTo("Error");
        assertThat(cluster.runtime.launchesOf("kv-0")).extracting(ContainerLaunch::restartCount).containsExactly(0, 1);
        assertThat(waitingReasons).contains("CrashLoopBackOff");

        cluster.runtime.container("kv-0").crash(137);
        await().atMost(TIMEOUT).until(() -> mainStatus("kv-0").getRestartCount() == 2 && cluster.isReady("kv-0"));
        assertThat(mainStatus("kv-0").getLastState().getTerminated().getExitCode()).isEqualTo(137);
    }

    @Test
    void failingLivenessProbeRestartsTheContainer() {
        create(pod("kv-0").editSpec().editFirstContainer()
                .withLivenessProbe(new ProbeBuilder().withNewHttpGet().withPath(KubeletFakeRuntime.LIVENESS_PATH)
                        .withNewPort(8080).endHttpGet().withPeriodSeconds(1).withFailureThreshold(2).build())
                .endContainer().endSpec().build());
        await().atMost(TIMEOUT).until(() -> cluster.isReady("kv-0"));
        KubeletFakeRuntime.FakeContainer first = cluster.runtime.container("kv-0");

        cluster.runtime.failProbe("kv-0", KubeletFakeRuntime.LIVENESS_PATH);

        await().atMost(TIMEOUT).until(() -> first.stopped);
        cluster.runtime.passProbe("kv-0", KubeletFakeRuntime.LIVENESS_PATH);
        await().atMost(TIMEOUT).until(() -> mainStatus("kv-0").getRestartCount() == 1 && cluster.isReady("kv-0"));
        assertThat(mainStatus("kv-0").getLastState().getTerminated()).isNotNull();
    }

    @Test
    void readinessProbeFlipsTheReadyConditionBothWays() {
        create(pod("kv-0").build());
        await().atMost(TIMEOUT).until(() -> cluster.isReady("kv-0"));

        cluster.runtime.failProbe("kv-0", KubeletFakeRuntime.READINESS_PATH);
        await().atMost(TIMEOUT).until(() -> !cluster.isReady("kv-0"));
        assertThat(PodState.condition(cluster.pod("kv-0"), "Ready").orElseThrow().getMessage())
                .isEqualTo("containers with unready status: [main]");
        assertThat(PodState.phase(cluster.pod("kv-0"))).isEqualTo("Running");

        cluster.runtime.passProbe("kv-0", KubeletFakeRuntime.READINESS_PATH);
        await().atMost(TIMEOUT).until(() -> cluster.isReady("kv-0"));
        assertThat(cluster.runtime.launchesOf("kv-0")).hasSize(1);
    }

    @Test
    void podStatusIsNotRewrittenWhileNothingChanges() {
        create(pod("kv-0").build());
        create(pod("kv-1").build());
        await().atMost(TIMEOUT).until(() -> cluster.isReady("kv-0") && cluster.isReady("kv-1"));
        long writes = cluster.kubelet.statusWrites();
        long patches = statusPatchesOfPods();

        // Probes keep running every 100 ms; none changes anything. Three more probes of each pod, then settled.
        int probedKv0 = cluster.runtime.probesOf("kv-0");
        int probedKv1 = cluster.runtime.probesOf("kv-1");
        await().atMost(TIMEOUT).until(() ->
                cluster.runtime.probesOf("kv-0") >= probedKv0 + 3 && cluster.runtime.probesOf("kv-1") >= probedKv1 + 3);
        cluster.awaitSettled();
        assertThat(cluster.kubelet.statusWrites()).as("kubelet status writes").isEqualTo(writes);
        assertThat(statusPatchesOfPods()).as("pod status patches").isEqualTo(patches);
    }

    @Test
    void deletingAPodStopsItsContainer() {
        create(pod("kv-0").build());
        await().atMost(TIMEOUT).until(() -> cluster.isReady("kv-0"));
        KubeletFakeRuntime.FakeContainer container = cluster.runtime.container("kv-0");

        cluster.client.pods().withName("kv-0").delete();

        await().atMost(TIMEOUT).until(() -> container.stopped && cluster.pod("kv-0") == null);
    }

    @Test
    void containerOfAPodThatMustNotRestartEndsThePodFailed() {
        create(pod("job-0").editSpec().withRestartPolicy("Never").endSpec().build());
        await().atMost(TIMEOUT).until(() -> cluster.isReady("job-0"));

        cluster.runtime.container("job-0").crash(3);

        await().atMost(TIMEOUT).until(() -> "Failed".equals(PodState.phase(cluster.pod("job-0"))));
        assertThat(mainStatus("job-0").getState().getTerminated().getExitCode()).isEqualTo(3);
        assertThat(cluster.runtime.launchesOf("job-0")).hasSize(1);
    }

    @Test
    void pausedKubeletStartsNothingUntilResumed() {
        cluster.kubelet.pause();
        create(pod("kv-0").build());
        await().atMost(TIMEOUT).until(() -> cluster.pod("kv-0").getSpec().getNodeName() != null);
        ControllersSettled.awaitSeen(cluster.api, cluster.kubelet);
        assertThat(cluster.kubelet.queuedKeys()).as("pods the paused kubelet holds").isPositive();
        assertThat(cluster.runtime.launches).isEmpty();

        cluster.kubelet.resume();

        await().atMost(TIMEOUT).until(() -> cluster.isReady("kv-0"));
    }

    private long statusPatchesOfPods() {
        return cluster.api.journal().calls().stream()
                .filter(c -> c.verb() == io.qdranthybrid.harness.kube.Verb.PATCH && "pods".equals(c.resource())
                        && "status".equals(c.subresource()))
                .count();
    }

    private List<String> recordWaitingReasons() {
        return recordWaitingReasons(new ConcurrentHashMap<>());
    }

    /** Every waiting reason the pods' containers pass through, in order; {@code messages} keeps the last message of each. */
    private List<String> recordWaitingReasons(Map<String, String> messages) {
        List<String> reasons = new CopyOnWriteArrayList<>();
        watch = cluster.client.pods().inNamespace(NAMESPACE).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Pod pod) {
                if (pod.getStatus() != null) {
                    pod.getStatus().getContainerStatuses().stream()
                            .filter(s -> s.getState() != null && s.getState().getWaiting() != null)
                            .forEach(s -> {
                                reasons.add(s.getState().getWaiting().getReason());
                                if (s.getState().getWaiting().getMessage() != null) {
                                    messages.put(s.getState().getWaiting().getReason(), s.getState().getWaiting().getMessage());
                                }
                            });
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
        return reasons;
    }

    private static PersistentVolumeClaim claim(String name) {
        return new PersistentVolumeClaimBuilder().withNewMetadata().withName(name).withNamespace(NAMESPACE).endMetadata()
                .withNewSpec().withAccessModes("ReadWriteOnce")
                .withNewResources().addToRequests("storage", new Quantity("1Gi")).endResources().endSpec().build();
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
