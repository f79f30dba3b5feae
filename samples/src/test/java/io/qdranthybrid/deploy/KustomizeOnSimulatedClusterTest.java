package io.qdranthybrid.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.qdranthybrid.harness.cluster.QdrantCrds;
import io.qdranthybrid.harness.cluster.SimulatedCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each Kustomize base and the example overlays render offline and apply cleanly to a simulated cluster, which
 * then serves what was rendered; by default nothing cluster-scoped but the CRDs is rendered, and the optional
 * component adds exactly one read-only ClusterRole and its binding.
 */
@ExtendWith(KubectlRequired.class)
class KustomizeOnSimulatedClusterTest {

    private static final Set<String> READ_VERBS = Set.of("get", "list", "watch");

    private static SimulatedCluster cluster;

    @BeforeAll
    static void startCluster() {
        if (!Kustomize.kubectlAvailable()) {
            return; // each test skips visibly through KubectlRequired
        }
        cluster = SimulatedCluster.start();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"kustomize/crds", "kustomize/operator", "kustomize/agent", "kustomize/examples/production",
            "kustomize/examples/production-cluster-read"})
    void rendersAndAppliesAndTheClusterServesEveryObject(String dir) {
        List<HasMetadata> rendered = Kustomize.render(dir);
        assertThat(rendered).as("objects rendered from %s", dir).isNotEmpty();

        apply(rendered);

        KubernetesClient client = cluster.client();
        for (HasMetadata object : rendered) {
            HasMetadata live = client.resource(object).get();
            assertThat(live).as("%s/%s served after apply", object.getKind(), object.getMetadata().getName())
                    .isNotNull();
            assertThat(live.getMetadata().getNamespace()).isEqualTo(object.getMetadata().getNamespace());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"kustomize/operator", "kustomize/agent", "kustomize/examples/production"})
    void rendersNoClusterRoleOrBindingByDefault(String dir) {
        List<HasMetadata> rendered = Kustomize.render(dir);

        assertThat(Manifests.ofType(rendered, ClusterRole.class)).isEmpty();
        assertThat(Manifests.ofType(rendered, ClusterRoleBinding.class)).isEmpty();
        assertThat(rendered).as("only CRDs and the install Namespace may be cluster-scoped")
                .filteredOn(o -> o.getMetadata().getNamespace() == null)
                .allMatch(o -> o instanceof CustomResourceDefinition || o instanceof Namespace);
    }

    @Test
    void productionOverlayPutsEverythingInItsNamespaceAndBindsEachRoleToItsOwnServiceAccount() {
        List<HasMetadata> rendered = Kustomize.render("kustomize/examples/production");

        assertThat(rendered).filteredOn(o -> !(o instanceof CustomResourceDefinition || o instanceof Namespace))
                .extracting(o -> o.getMetadata().getNamespace()).containsOnly("qdrant-prod");
        assertThat(Manifests.named(rendered, Namespace.class, "qdrant-prod").getMetadata().getLabels())
                .containsEntry("pod-security.kubernetes.io/enforce", "restricted");
        for (RoleBinding binding : Manifests.ofType(rendered, RoleBinding.class)) {
            String name = binding.getMetadata().getName();
            assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
            assertThat(binding.getRoleRef().getName()).isEqualTo(name);
            assertThat(binding.getSubjects()).singleElement().satisfies(subject -> {
                assertThat(subject.getKind()).isEqualTo("ServiceAccount");
                assertThat(subject.getName()).isEqualTo(name);
                assertThat(subject.getNamespace()).isEqualTo("qdrant-prod");
            });
            Manifests.named(rendered, ServiceAccount.class, name);
            Manifests.named(rendered, Role.class, name);
        }
        assertThat(Manifests.ofType(rendered, RoleBinding.class)).extracting(b -> b.getMetadata().getName())
                .containsExactlyInAnyOrder("qdrant-hybrid-operator", "qdrant-cloud-agent");
        assertThat(Manifests.ofType(rendered, Deployment.class))
                .extracting(d -> d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .allMatch(image -> image.startsWith("registry.internal.example.com/"));
    }

    @ParameterizedTest
    @CsvSource({
        "agent, agent-cluster-read, qdrant-cloud-agent, nodes storageclasses volumesnapshotclasses qdrantcloudregions",
        "operator, operator-cluster-read, qdrant-hybrid-operator, storageclasses"})
    void clusterReadComponentAddsExactlyOneReadOnlyClusterRoleBoundToItsServiceAccount(
            String base, String component, String serviceAccount, String resources, @TempDir Path overlay)
            throws IOException {
        Files.writeString(overlay.resolve("kustomization.yaml"), String.join("\n",
                "apiVersion: kustomize.config.k8s.io/v1beta1",
                "kind: Kustomization",
                "namespace: platform-team",
                // kustomize accepts only relative paths to other kustomizations
                "resources: [" + overlay.relativize(DeployTree.deploy("kustomize/" + base)) + "]",
                "components: [" + overlay.relativize(DeployTree.deploy("kustomize/components/" + component)) + "]",
                ""));
        List<HasMetadata> without = Kustomize.render("kustomize/" + base);
        List<HasMetadata> with = Kustomize.render(overlay);

        Set<String> before = Set.copyOf(Manifests.describe(without));
        List<HasMetadata> added = with.stream()
                .filter(o -> !before.contains(o.getKind() + "/" + o.getMetadata().getName())).toList();
        String name = serviceAccount + "-cluster-read";
        assertThat(Manifests.describe(added))
                .containsExactlyInAnyOrder("ClusterRole/" + name, "ClusterRoleBinding/" + name);
        assertThat(with).hasSize(without.size() + 2);

        ClusterRole role = Manifests.named(with, ClusterRole.class, name);
        assertThat(role.getRules()).flatExtracting(PolicyRule::getVerbs).allMatch(READ_VERBS::contains);
        assertThat(role.getRules()).flatExtracting(PolicyRule::getResources)
                .containsExactlyInAnyOrder(resources.split(" "));
        ClusterRoleBinding binding = Manifests.named(with, ClusterRoleBinding.class, name);
        assertThat(binding.getRoleRef().getName()).isEqualTo(name);
        assertThat(binding.getSubjects()).singleElement().satisfies(subject -> {
            assertThat(subject.getKind()).isEqualTo("ServiceAccount");
            assertThat(subject.getName()).isEqualTo(serviceAccount);
            assertThat(subject.getNamespace()).as("the overlay's namespace, where the component runs")
                    .isEqualTo("platform-team");
        });
        apply(added);
        assertThat(cluster.client().rbac().clusterRoleBindings().withName(name).get().getSubjects())
                .isEqualTo(binding.getSubjects());
    }

    @Test
    void clusterReadExampleAddsOnlyReadOnlyClusterRolesToProduction() {
        List<HasMetadata> without = Kustomize.render("kustomize/examples/production");
        List<HasMetadata> with = Kustomize.render("kustomize/examples/production-cluster-read");

        assertThat(with).hasSize(without.size() + 4);
        assertThat(Manifests.ofType(with, ClusterRole.class)).hasSize(2)
                .flatExtracting(ClusterRole::getRules).flatExtracting(PolicyRule::getVerbs)
                .allMatch(READ_VERBS::contains);
        assertThat(Manifests.ofType(with, ClusterRoleBinding.class)).hasSize(2)
                .flatExtracting(ClusterRoleBinding::getSubjects).extracting(s -> s.getNamespace())
                .containsOnly("qdrant-prod");
    }

    @Test
    void crdBaseInstallsTheCrdsTheSdkGeneratesAndTheClusterEstablishesThem() {
        List<CustomResourceDefinition> rendered =
                Manifests.ofType(Kustomize.render("kustomize/crds"), CustomResourceDefinition.class);
        apply(List.copyOf(rendered));

        Set<String> generated = QdrantCrds.load().stream().map(crd -> crd.getMetadata().getName())
                .collect(Collectors.toSet());
        assertThat(rendered).extracting(crd -> crd.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(generated);
        for (CustomResourceDefinition crd : rendered) {
            CustomResourceDefinition live = cluster.client().apiextensions().v1().customResourceDefinitions()
                    .withName(crd.getMetadata().getName()).get();
            assertThat(live.getSpec().getNames().getKind()).isEqualTo(crd.getSpec().getNames().getKind());
            assertThat(live.getStatus().getConditions())
                    .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
        }
    }

    @Test
    void agentRoleReadBackFromTheApiServerGrantsNoSecret() {
        List<HasMetadata> rendered = Kustomize.render("kustomize/examples/production");
        apply(rendered);

        Role live = cluster.client().rbac().roles().inNamespace("qdrant-prod").withName("qdrant-cloud-agent").get();
        assertThat(RbacRuleMatcher.allows(live.getRules(),
                RbacRequest.named("get", "", "secrets", "qdrant-cloud-creds"))).isFalse();
        assertThat(RbacRuleMatcher.allows(live.getRules(),
                RbacRequest.named("get", "", "secrets", "qdrant-api-key-c1"))).isFalse();
        assertThat(live.getRules()).isEqualTo(Manifests.named(rendered, Role.class, "qdrant-cloud-agent").getRules());
    }

    private static void apply(List<HasMetadata> objects) {
        for (HasMetadata object : objects) {
            cluster.client().resource(object).createOr(NonDeletingOperation::update);
        }
    }
}
