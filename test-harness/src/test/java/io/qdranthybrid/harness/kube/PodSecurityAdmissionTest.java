package io.qdranthybrid.harness.kube;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Pod Security Admission in enforce mode, as {@code staging/src/k8s.io/pod-security-admission} answers: 403 with
 * {@code violates PodSecurity "<level>:latest": <reason> (<detail>), ...}, checks in the evaluator's order.
 */
class PodSecurityAdmissionTest {

  @RegisterExtension
  final ApiServerFixture fixture = new ApiServerFixture();

  private void namespace(String name, String level) {
    var builder = new NamespaceBuilder().withNewMetadata().withName(name);
    if (level != null) {
      builder.addToLabels("pod-security.kubernetes.io/enforce", level);
    }
    fixture.client().resource(builder.endMetadata().build()).create();
  }

  private static PodBuilder rootPodWithHostPath(String name) {
    return new PodBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec()
        .addNewContainer().withName("qdrant").withImage("qdrant/qdrant").withNewSecurityContext().withRunAsUser(0L)
        .withPrivileged(true).endSecurityContext().endContainer()
        .addNewVolume().withName("data").withNewHostPath().withPath("/var/lib/qdrant").endHostPath().endVolume()
        .endSpec();
  }

  private static Pod hardenedPod(String name) {
    return new PodBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec()
        .withNewSecurityContext().withRunAsNonRoot(true).withRunAsUser(1000L).withNewSeccompProfile()
        .withType("RuntimeDefault").endSeccompProfile().endSecurityContext()
        .addNewContainer().withName("qdrant").withImage("qdrant/qdrant").withNewSecurityContext()
        .withAllowPrivilegeEscalation(false).withNewCapabilities().addToDrop("ALL").endCapabilities()
        .endSecurityContext().endContainer()
        .addNewVolume().withName("data").withNewPersistentVolumeClaim().withClaimName("data").endPersistentVolumeClaim()
        .endVolume().endSpec().build();
  }

  // policy/check_privileged.go, check_hostPathVolumes.go: baseline refuses privileged containers and hostPath.
  @Test
  void baselineRefusesPrivilegedPodsWithHostPath() {
    namespace("base", "baseline");
    assertThatThrownBy(() -> fixture.client().pods().inNamespace("base").resource(rootPodWithHostPath("x").build())
        .create())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(403);
          assertThat(e.getStatus().getReason()).isEqualTo("Forbidden");
          assertThat(e.getStatus().getMessage()).isEqualTo("pods \"x\" is forbidden: violates PodSecurity "
              + "\"baseline:latest\": hostPath volumes (volume \"data\"), privileged (container \"qdrant\" must not "
              + "set securityContext.privileged=true)");
        });
  }

  // check_hostNamespaces.go, check_capabilities_baseline.go.
  @Test
  void baselineRefusesHostNamespacesAndAddedCapabilities() {
    namespace("base", "baseline");
    Pod pod = new PodBuilder().withNewMetadata().withName("net").endMetadata().withNewSpec().withHostNetwork(true)
        .withHostPID(true).addNewContainer().withName("qdrant").withImage("qdrant/qdrant").withNewSecurityContext()
        .withNewCapabilities().addToAdd("SYS_ADMIN").endCapabilities().endSecurityContext().endContainer().endSpec()
        .build();
    assertThatThrownBy(() -> fixture.client().pods().inNamespace("base").resource(pod).create())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getStatus().getMessage())
            .isEqualTo("pods \"net\" is forbidden: violates PodSecurity \"baseline:latest\": non-default "
                + "capabilities (container \"qdrant\" must not include \"SYS_ADMIN\" in "
                + "securityContext.capabilities.add), host namespaces (hostNetwork=true, hostPID=true)"));
  }

  // The message quoted in issue 13: restricted lists every check the pod fails.
  @Test
  void restrictedListsEveryViolation() {
    namespace("strict", "restricted");
    Pod pod = new PodBuilder().withNewMetadata().withName("x").endMetadata().withNewSpec().addNewContainer()
        .withName("qdrant").withImage("qdrant/qdrant").withNewSecurityContext().withRunAsUser(0L).endSecurityContext()
        .endContainer().endSpec().build();
    assertThatThrownBy(() -> fixture.client().pods().inNamespace("strict").resource(pod).create())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getStatus().getMessage())
            .isEqualTo("pods \"x\" is forbidden: violates PodSecurity \"restricted:latest\": "
                + "allowPrivilegeEscalation != false (container \"qdrant\" must set "
                + "securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container \"qdrant\" "
                + "must set securityContext.capabilities.drop=[\"ALL\"]), runAsNonRoot != true (pod or container "
                + "\"qdrant\" must set securityContext.runAsNonRoot=true), runAsUser=0 (container \"qdrant\" must "
                + "not set runAsUser=0), seccompProfile (pod or container \"qdrant\" must set "
                + "securityContext.seccompProfile.type to \"RuntimeDefault\" or \"Localhost\")"));
  }

  @Test
  void hardenedPodPassesRestrictedAndAnyPodPassesUnlabelledNamespaces() {
    namespace("strict", "restricted");
    namespace("open", null);
    assertThat(fixture.client().pods().inNamespace("strict").resource(hardenedPod("ok")).create()).isNotNull();
    assertThat(fixture.client().pods().inNamespace("open").resource(rootPodWithHostPath("root").build()).create())
        .isNotNull();
  }

  @Test
  void privilegedLevelAllowsEverything() {
    namespace("priv", "privileged");
    assertThat(fixture.client().pods().inNamespace("priv").resource(rootPodWithHostPath("root").build()).create())
        .isNotNull();
  }

  // admission.go isSignificantPodUpdate: an added ephemeral container is evaluated like a new pod ...
  @Test
  void restrictedRefusesAnUpdateThatAddsAPrivilegedEphemeralContainer() {
    namespace("strict", "restricted");
    fixture.client().pods().inNamespace("strict").resource(hardenedPod("db")).create();

    assertThatThrownBy(() -> fixture.client().pods().inNamespace("strict").withName("db").edit(pod -> {
      pod.getSpec().getEphemeralContainers().add(new io.fabric8.kubernetes.api.model.EphemeralContainerBuilder()
          .withName("debug").withImage("busybox").withNewSecurityContext().withPrivileged(true)
          .endSecurityContext().build());
      return pod;
    })).isInstanceOfSatisfying(KubernetesClientException.class, e -> {
      assertThat(e.getCode()).isEqualTo(403);
      assertThat(e.getStatus().getMessage()).contains("violates PodSecurity \"restricted:latest\"")
          .contains("privileged (container \"debug\" must not set securityContext.privileged=true)");
    });
  }

  // ... while labels and an image bump are not re-checked, even for a pod the namespace's level now refuses.
  @Test
  void insignificantUpdatesPassEvenWhenThePodViolatesTheLevelLabelledSince() {
    namespace("later", "privileged");
    fixture.client().pods().inNamespace("later").resource(rootPodWithHostPath("root").build()).create();
    fixture.client().namespaces().withName("later").edit(ns -> {
      ns.getMetadata().getLabels().put("pod-security.kubernetes.io/enforce", "baseline");
      return ns;
    });

    fixture.client().pods().inNamespace("later").withName("root").edit(pod -> {
      pod.getMetadata().getLabels().put("tier", "db");
      pod.getSpec().getContainers().get(0).setImage("qdrant/qdrant:v1.13.0");
      return pod;
    });

    assertThat(fixture.client().pods().inNamespace("later").withName("root").get().getMetadata().getLabels())
        .containsEntry("tier", "db");
  }
}
