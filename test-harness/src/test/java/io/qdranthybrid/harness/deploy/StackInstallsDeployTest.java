package io.qdranthybrid.harness.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.harness.controlplane.NewCluster;
import io.qdranthybrid.harness.junit.HybridCloudTest;
import io.qdranthybrid.harness.stack.HybridEnvironment;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every test's namespace is installed from deploy/ as rendered by {@code kubectl kustomize deploy/kustomize/install}:
 * the Namespace's Pod Security Admission labels, the ServiceAccounts, Roles and bindings, the CRDs, and the operator
 * Deployment's settings.
 */
@HybridCloudTest
class StackInstallsDeployTest {

  @Test
  void namespaceEnforcesRestrictedAndQdrantPodsPassIt(HybridEnvironment env) {
    Namespace namespace = env.client().namespaces().withName(env.namespace()).get();
    assertThat(namespace.getMetadata().getLabels())
        .containsEntry("pod-security.kubernetes.io/enforce", "restricted")
        .containsEntry("pod-security.kubernetes.io/enforce-version", "latest");
    assertThat(namespace.getMetadata().getAnnotations()).containsKey("qdrant-hybrid.io/pod-security-reason");

    // Enforced: a root pod is refused here ...
    assertThatThrownBy(() -> env.client().pods().inNamespace(env.namespace()).resource(new PodBuilder()
        .withNewMetadata().withName("root").endMetadata().withNewSpec().addNewContainer().withName("c")
        .withImage("busybox").withNewSecurityContext().withRunAsUser(0L).endSecurityContext().endContainer()
        .endSpec().build()).create())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getStatus().getMessage())
            .contains("violates PodSecurity \"restricted:latest\""));
    // ... while the operator's Qdrant pods pass restricted and the cluster comes up, with the Deployment's
    // settings: image repository qdrant/qdrant, a NetworkPolicy per cluster.
    env.createCluster(NewCluster.of("orders", 1, "v1.12.3"));
    env.awaitCluster("orders", ClusterPhase.HEALTHY, Duration.ofSeconds(90));
    assertThat(env.client().apps().statefulSets().inNamespace(env.namespace()).list().getItems())
        .singleElement().satisfies(set -> assertThat(set.getSpec().getTemplate().getSpec().getContainers().get(0)
            .getImage()).startsWith("qdrant/qdrant:"));
    assertThat(env.client().network().v1().networkPolicies().inNamespace(env.namespace()).list().getItems())
        .isNotEmpty();
  }

  @Test
  void serviceAccountsRolesAndBindingsAreTheRenderedOnes(HybridEnvironment env) {
    for (DeployRbac component : DeployRbac.values()) {
      String name = component.serviceAccount();
      assertThat(env.client().serviceAccounts().inNamespace(env.namespace()).withName(name).get())
          .as("ServiceAccount %s", name).isNotNull().extracting(ServiceAccount::getAutomountServiceAccountToken)
          .isEqualTo(true);
      Role role = env.client().rbac().roles().inNamespace(env.namespace()).withName(name).get();
      assertThat((JsonNode) new ObjectMapper().valueToTree(role.getRules()))
          .isEqualTo(component.roleRules());
      RoleBinding binding = env.client().rbac().roleBindings().inNamespace(env.namespace()).withName(name).get();
      assertThat(binding.getSubjects()).singleElement().satisfies(subject -> {
        assertThat(subject.getName()).isEqualTo(name);
        assertThat(subject.getNamespace()).isEqualTo(env.namespace());
      });
    }
  }

  @Test
  void crdsAreTheRenderedOnes(HybridEnvironment env) {
    for (DeployManifests crds : new DeployManifests[] {DeployManifests.CRDS, DeployManifests.HELM_CRDS}) {
      crds.objects().forEach(crd -> {
        String name = crd.path("metadata").path("name").asText();
        CustomResourceDefinition live = env.client().apiextensions().v1().customResourceDefinitions()
            .withName(name).get();
        assertThat(live).as(name).isNotNull();
        assertThat(live.getSpec().getVersions()).extracting(v -> v.getName()).as(name)
            .containsExactlyElementsOf(java.util.stream.StreamSupport.stream(crd.path("spec").path("versions")
                .spliterator(), false).map(v -> v.path("name").asText()).toList());
      });
    }
  }
}
