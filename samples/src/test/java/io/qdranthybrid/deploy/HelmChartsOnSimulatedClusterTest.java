package io.qdranthybrid.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdranthybrid.harness.cluster.SimulatedCluster;
import io.qdranthybrid.platform.access.AccessKeys;
import io.qdranthybrid.platform.bootstrap.BootstrapCommands;
import io.qdranthybrid.platform.bootstrap.BootstrapSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Helm charts rendered by real Helm: they apply to a simulated cluster, render nothing cluster-scoped but CRDs by
 * default, render the same RBAC and hardened pods as the Kustomize bases, and the agent chart rendered with the
 * values of the platform SDK's bootstrap commands is the agent those commands promise.
 */
class HelmChartsOnSimulatedClusterTest {

    private static final Map<String, Object> AGENT_REQUIRED = Map.of(
            "controlPlaneUrl", "wss://cp.example.com/agent/v1", "environmentId", "env-1");
    private static final Set<String> READ_VERBS = Set.of("get", "list", "watch");

    private static SimulatedCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = SimulatedCluster.start();
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Test
    void crdsOperatorAndAgentChartsApplyAndTheClusterServesEveryObject() {
        String namespace = cluster.createNamespace("helm");
        List<HasMetadata> rendered = new java.util.ArrayList<>();
        rendered.addAll(HelmTemplate.render("qdrant-hybrid-crds", "qdrant-hybrid-crds", namespace, Map.of()));
        rendered.addAll(HelmTemplate.render("qdrant-hybrid-operator", "qdrant-hybrid-operator", namespace, Map.of()));
        rendered.addAll(HelmTemplate.render("qdrant-hybrid-agent", "qdrant-hybrid-agent", namespace, AGENT_REQUIRED));

        KubernetesClient client = cluster.client();
        rendered.forEach(object -> client.resource(object).serverSideApply());

        assertThat(Manifests.ofType(rendered, CustomResourceDefinition.class)).hasSize(7);
        for (HasMetadata object : rendered) {
            HasMetadata live = client.resource(object).get();
            assertThat(live).as("%s/%s served after apply", object.getKind(), object.getMetadata().getName())
                    .isNotNull();
            if (!(object instanceof CustomResourceDefinition)) {
                assertThat(live.getMetadata().getNamespace()).isEqualTo(namespace);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"qdrant-hybrid-operator, qdrant-hybrid-operator-cluster-read",
        "qdrant-hybrid-agent, qdrant-cloud-agent-cluster-read"})
    void clusterScopedReadIsRenderedOnlyWhenAskedForAndOnlyReads(String chart, String name) {
        Map<String, Object> values = new java.util.HashMap<>(AGENT_REQUIRED);

        List<HasMetadata> byDefault = HelmTemplate.render(chart, chart, "qdrant", values);
        values.put("clusterRead.enabled", true);
        List<HasMetadata> enabled = HelmTemplate.render(chart, chart, "qdrant", values);

        assertThat(Manifests.ofType(byDefault, ClusterRole.class)).isEmpty();
        assertThat(Manifests.ofType(byDefault, ClusterRoleBinding.class)).isEmpty();
        assertThat(byDefault).allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isEqualTo("qdrant"));
        assertThat(enabled).hasSize(byDefault.size() + 2);
        // Cluster-scoped names carry the namespace: two installs in two namespaces must not collide.
        assertThat(Manifests.named(enabled, ClusterRole.class, name + "-qdrant").getRules())
                .flatExtracting(PolicyRule::getVerbs).allMatch(READ_VERBS::contains);
        assertThat(Manifests.named(enabled, ClusterRoleBinding.class, name + "-qdrant").getSubjects())
                .singleElement().satisfies(subject -> assertThat(subject.getNamespace()).isEqualTo("qdrant"));
    }

    @ParameterizedTest
    @CsvSource({"qdrant-hybrid-operator, kustomize/operator, qdrant-hybrid-operator",
        "qdrant-hybrid-agent, kustomize/agent, qdrant-cloud-agent"})
    void chartRendersTheSameRbacAndPodAsTheKustomizeBase(String chart, String base, String name) {
        List<HasMetadata> fromHelm = HelmTemplate.render(chart, chart, "qdrant", AGENT_REQUIRED);
        List<HasMetadata> fromKustomize = Kustomize.render(base);

        // Kustomize's configMapGenerator appends a content hash; Helm rolls pods with a checksum annotation instead.
        assertThat(Manifests.describe(fromHelm)).containsAll(Manifests.describe(fromKustomize).stream()
                .map(object -> object.startsWith("ConfigMap/") ? object.replaceFirst("-[a-z0-9]{10}$", "") : object)
                .toList());
        assertThat(Manifests.named(fromHelm, Role.class, name).getRules())
                .containsExactlyInAnyOrderElementsOf(Manifests.named(fromKustomize, Role.class, name).getRules());
        PodSpec helmPod = Manifests.named(fromHelm, Deployment.class, name).getSpec().getTemplate().getSpec();
        PodSpec kustomizePod = Manifests.named(fromKustomize, Deployment.class, name).getSpec().getTemplate().getSpec();
        assertThat(helmPod.getServiceAccountName()).isEqualTo(kustomizePod.getServiceAccountName());
        assertThat(helmPod.getSecurityContext()).isEqualTo(kustomizePod.getSecurityContext());
        Container helmContainer = helmPod.getContainers().get(0);
        Container kustomizeContainer = kustomizePod.getContainers().get(0);
        assertThat(helmContainer.getSecurityContext()).isEqualTo(kustomizeContainer.getSecurityContext());
        assertThat(helmContainer.getResources()).isEqualTo(kustomizeContainer.getResources());
        assertThat(helmContainer.getPorts()).isEqualTo(kustomizeContainer.getPorts());
        assertThat(helmContainer.getLivenessProbe()).isEqualTo(kustomizeContainer.getLivenessProbe());
        assertThat(helmContainer.getReadinessProbe()).isEqualTo(kustomizeContainer.getReadinessProbe());
        assertThat(helmContainer.getImage().substring(helmContainer.getImage().lastIndexOf('/')))
                .isEqualTo(kustomizeContainer.getImage().substring(kustomizeContainer.getImage().lastIndexOf('/')));
    }

    @Test
    void bootstrapValuesRenderTheAgentTheCommandsDescribe() {
        BootstrapCommands bootstrap = FullyConfiguredBootstrap.generate();

        List<HasMetadata> rendered = HelmTemplate.render("qdrant-hybrid-agent", BootstrapSettings.RELEASE_NAME,
                "qdrant", bootstrap.chartValues());

        Deployment agent = Manifests.named(rendered, Deployment.class, "qdrant-cloud-agent");
        PodSpec pod = agent.getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().get(0);
        assertThat(container.getImage()).startsWith("registry.corp.example/qdrant/hybrid-agent:");
        assertThat(pod.getImagePullSecrets()).extracting(s -> s.getName()).containsExactly("corp-pull");
        assertThat(container.getEnv()).extracting(EnvVar::getName).contains("HTTPS_PROXY", "QDRANT_AGENT_CA_BUNDLE_FILE");
        assertThat(container.getEnv()).filteredOn(env -> env.getName().equals("HTTPS_PROXY"))
                .extracting(EnvVar::getValue).containsExactly("http://proxy.corp:3128");
        assertThat(pod.getVolumes()).anySatisfy(volume ->
                assertThat(volume.getConfigMap()).isNotNull().satisfies(cm -> assertThat(cm.getName())
                        .isEqualTo("qdrant-cloud-ca")));
        assertThat(pod.getVolumes()).anySatisfy(volume -> assertThat(volume.getSecret()).isNotNull()
                .satisfies(secret -> assertThat(secret.getSecretName()).isEqualTo(BootstrapSettings.ACCESS_KEY_SECRET)));
        assertThat(agent.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("team", "search");
        assertThat(agent.getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry("accessKeyHash", AccessKeys.fingerprint(bootstrap.accessKey()));
        Map<String, String> settings = Manifests.named(rendered, io.fabric8.kubernetes.api.model.ConfigMap.class,
                "qdrant-cloud-agent-settings").getData();
        assertThat(settings).containsEntry("QDRANT_AGENT_CONTROL_PLANE_URL", FullyConfiguredBootstrap.CONTROL_PLANE_URL)
                .containsEntry("QDRANT_AGENT_ENVIRONMENT_ID", bootstrap.environmentId());
    }
}
