package io.qdranthybrid.operator.cluster;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.qdranthybrid.crd.Gpu;
import io.qdranthybrid.crd.GpuType;
import io.qdranthybrid.crd.KubernetesService;
import io.qdranthybrid.crd.QdrantApi;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.crd.QdrantConfiguration;
import io.qdranthybrid.crd.ServiceType;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

class DesiredStatefulSetTest {

    @Test
    void namedAndLabelledLikeTheRealOperatorAndOwnedByTheCluster() {
        StatefulSet sts = DesiredStatefulSet.build(ClusterFixtures.steady(ClusterFixtures.minimal()));

        assertThat(sts.getMetadata().getName()).isEqualTo("qdrant-demo");
        assertThat(sts.getMetadata().getNamespace()).isEqualTo("team-a");
        assertThat(sts.getSpec().getServiceName()).isEqualTo("qdrant-headless-demo");
        assertThat(sts.getSpec().getSelector().getMatchLabels()).containsExactlyInAnyOrderEntriesOf(
                Map.of("app", "qdrant", "cluster-id", "demo"));
        assertThat(sts.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("app", "qdrant")
                .containsEntry("cluster-id", "demo");
        assertThat(sts.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
            assertThat(owner.getUid()).isEqualTo("uid-123");
            assertThat(owner.getController()).isTrue();
        });
    }

    @Test
    void theOperatorNotTheStatefulSetControllerDecidesWhenPodsRestart() {
        StatefulSet sts = DesiredStatefulSet.build(ClusterFixtures.steady(ClusterFixtures.minimal()));

        assertThat(sts.getSpec().getUpdateStrategy().getType()).isEqualTo("OnDelete");
        assertThat(sts.getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenScaled()).isEqualTo("Retain");
        assertThat(sts.getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenDeleted()).isEqualTo("Retain");
    }

    @Test
    void replicasAndVersionComeFromTheLifecycleStepNotTheSpec() {
        QdrantCluster cluster = ClusterFixtures.minimal();
        cluster.getSpec().setVersion("v1.14.0");

        StatefulSet sts = DesiredStatefulSet.build(
                new ClusterContext(cluster, OperatorDefaults.hybrid(), "v1.13.4", 5));

        assertThat(sts.getSpec().getReplicas()).isEqualTo(5);
        assertThat(container(sts).getImage()).isEqualTo("qdrant/qdrant:v1.13.4");
    }

    @Test
    void changesThatNeedARestartChangeThePodTemplate() {
        assertTemplateChanges(c -> c.getSpec().getResources().setCpu("2"), true);
        assertTemplateChanges(c -> c.getSpec().getResources().setMemory("4Gi"), true);
        assertTemplateChanges(c -> c.getSpec().setVersion("v1.13.0"), true);
        assertTemplateChanges(c -> {
            c.getSpec().setConfig(new QdrantConfiguration());
            c.getSpec().getConfig().setLogLevel("DEBUG");
        }, true);
        assertTemplateChanges(c -> c.getMetadata().setAnnotations(
                Map.of(QdrantApi.Annotations.RESTARTED_AT, "2026-11-24T10:00:00Z")), true);
    }

    @Test
    void changesThatNeedNoRestartLeaveThePodTemplateAlone() {
        assertTemplateChanges(c -> c.getSpec().setSize(5), false);
        assertTemplateChanges(c -> c.getSpec().getResources().setStorage("200Gi"), false);
        assertTemplateChanges(c -> {
            c.getSpec().setService(new KubernetesService());
            c.getSpec().getService().setType(ServiceType.LOAD_BALANCER);
        }, false);
        assertTemplateChanges(c -> c.getSpec().setServicePerNode(false), false);
        assertTemplateChanges(c -> c.getSpec().setRestartAllPodsConcurrently(true), false);
    }

    @Test
    void requestsFallBackToLimits() {
        Container container = container(DesiredStatefulSet.build(ClusterFixtures.steady(ClusterFixtures.minimal())));

        assertThat(container.getResources().getLimits()).containsEntry("cpu", new Quantity("1"))
                .containsEntry("memory", new Quantity("2Gi"));
        assertThat(container.getResources().getRequests()).containsEntry("cpu", new Quantity("1"))
                .containsEntry("memory", new Quantity("2Gi"));
    }

    @Test
    void productionSpecWiresKeysTlsSchedulingAndOverrides() {
        StatefulSet sts = DesiredStatefulSet.build(ClusterFixtures.steady(ClusterFixtures.production()));
        PodTemplateSpec template = sts.getSpec().getTemplate();
        Container container = container(sts);

        EnvVar apiKey = container.getEnv().stream().filter(e -> e.getName().equals("QDRANT__SERVICE__API_KEY"))
                .findFirst().orElseThrow();
        assertThat(apiKey.getValue()).isNull();
        assertThat(apiKey.getValueFrom().getSecretKeyRef().getName()).isEqualTo("qdrant-prod-1-apikey");
        assertThat(container.getEnv()).extracting(EnvVar::getName)
                .contains("QDRANT__SERVICE__READ_ONLY_API_KEY", "QDRANT__TELEMETRY_DISABLED", "POD_NAME");
        assertThat(container.getReadinessProbe().getHttpGet().getScheme()).isEqualTo("HTTPS");
        assertThat(container.getResources().getRequests()).containsEntry("cpu", new Quantity("1500m"));
        assertThat(container.getImage()).isEqualTo("registry.example.com/qdrant/qdrant:v1.12.6-gpu-nvidia");
        assertThat(container.getResources().getLimits()).containsEntry("nvidia.com/gpu", new Quantity("1"));
        assertThat(container.getSecurityContext().getRunAsUser()).isEqualTo(1000L);
        assertThat(template.getSpec().getSecurityContext().getFsGroup()).isEqualTo(3000L);
        assertThat(template.getSpec().getImagePullSecrets()).singleElement()
                .satisfies(s -> assertThat(s.getName()).isEqualTo("registry-creds"));
        assertThat(template.getSpec().getTolerations()).hasSize(1);
        assertThat(template.getSpec().getNodeSelector()).containsEntry("node-pool", "databases");
        assertThat(template.getMetadata().getLabels()).containsEntry("tier", "database");
        assertThat(template.getMetadata().getAnnotations()).containsEntry("prometheus.io/scrape", "true")
                .containsKey(DesiredStatefulSet.RESTARTED_AT);
        assertThat(sts.getMetadata().getAnnotations()).containsEntry("team", "search");
        assertThat(template.getSpec().getVolumes()).extracting(v -> v.getName())
                .contains("qdrant-config", "qdrant-tls", "extra-config");
        assertThat(container.getVolumeMounts()).extracting(m -> m.getMountPath())
                .contains("/qdrant/storage", "/qdrant/snapshots", "/qdrant/config/production.yaml", "/qdrant/tls",
                        "/qdrant/extra");
        assertThat(DesiredStatefulSet.startScript(ClusterFixtures.steady(ClusterFixtures.production())))
                .contains("https://qdrant-prod-1-0.qdrant-headless-prod-1:6335");
    }

    @Test
    void twoVolumesPerNodeWithTheConfiguredStorageClasses() {
        StatefulSet sts = DesiredStatefulSet.build(ClusterFixtures.steady(ClusterFixtures.production()));

        assertThat(sts.getSpec().getVolumeClaimTemplates()).extracting(c -> c.getMetadata().getName())
                .containsExactly("qdrant-storage", "qdrant-snapshots", "scratch");
        PersistentVolumeClaim db = sts.getSpec().getVolumeClaimTemplates().get(0);
        assertThat(db.getSpec().getStorageClassName()).isEqualTo("fast-ssd");
        assertThat(db.getSpec().getResources().getRequests()).containsEntry("storage", new Quantity("100Gi"));
        assertThat(sts.getSpec().getVolumeClaimTemplates().get(1).getSpec().getStorageClassName()).isEqualTo("standard");
    }

    @Test
    void operatorDefaultsFillWhatTheSpecLeavesOut() {
        OperatorDefaults defaults = OperatorDefaults.hybrid().withImageRepository("mirror.local/qdrant")
                .withStorageClasses("db-class", "snap-class");

        StatefulSet sts = DesiredStatefulSet.build(ClusterContext.steady(ClusterFixtures.minimal(), defaults));

        assertThat(container(sts).getImage()).isEqualTo("mirror.local/qdrant:v1.12.3");
        assertThat(container(sts).getImagePullPolicy()).isEqualTo("IfNotPresent");
        assertThat(sts.getSpec().getVolumeClaimTemplates()).extracting(c -> c.getSpec().getStorageClassName())
                .containsExactly("db-class", "snap-class");
        assertThat(sts.getSpec().getTemplate().getSpec().getTopologySpreadConstraints()).singleElement()
                .satisfies(t -> assertThat(t.getTopologyKey()).isEqualTo("kubernetes.io/hostname"));
    }

    @Test
    void startupDelayAndExplicitBootstrapNodeReachTheStartScript() {
        QdrantCluster cluster = ClusterFixtures.minimal();
        cluster.getSpec().setStartupDelaySeconds(30);
        cluster.getMetadata().setAnnotations(Map.of(QdrantApi.Annotations.BOOTSTRAP_NODE, "2"));

        String script = DesiredStatefulSet.startScript(ClusterFixtures.steady(cluster));

        assertThat(script).startsWith("sleep 30; ").contains("\"${HOSTNAME##*-}\" = \"2\"")
                .contains("--bootstrap \"http://qdrant-demo-2.qdrant-headless-demo:6335\"");
    }

    @Test
    void amdGpuGetsItsImageFlavourAndDevice() {
        QdrantCluster cluster = ClusterFixtures.minimal();
        cluster.getSpec().setGpu(new Gpu());
        cluster.getSpec().getGpu().setGpuType(GpuType.AMD);

        Container container = container(DesiredStatefulSet.build(ClusterFixtures.steady(cluster)));

        assertThat(container.getImage()).endsWith("-gpu-amd");
        assertThat(container.getResources().getLimits()).containsKey("amd.com/gpu");
    }

    private static void assertTemplateChanges(Consumer<QdrantCluster> change, boolean expected) {
        QdrantCluster before = ClusterFixtures.minimal();
        QdrantCluster after = ClusterFixtures.copy(before);
        change.accept(after);

        PodTemplateSpec templateBefore = DesiredStatefulSet.build(ClusterFixtures.steady(before)).getSpec().getTemplate();
        PodTemplateSpec templateAfter = DesiredStatefulSet.build(ClusterFixtures.steady(after)).getSpec().getTemplate();

        assertThat(!templateBefore.equals(templateAfter)).as("pod template changed").isEqualTo(expected);
    }

    private static Container container(StatefulSet sts) {
        return sts.getSpec().getTemplate().getSpec().getContainers().get(0);
    }
}
