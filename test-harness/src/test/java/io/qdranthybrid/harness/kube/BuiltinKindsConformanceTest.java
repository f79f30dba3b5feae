package io.qdranthybrid.harness.kube;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Defaults, immutability and canonical serialisation of built-in kinds, one rule per test, each naming the
 * Kubernetes source it mirrors; refusals are checked for status code and message.
 */
class BuiltinKindsConformanceTest {

  @RegisterExtension
  final ApiServerFixture api = new ApiServerFixture();

  private static StatefulSet statefulSet() {
    return new StatefulSetBuilder().withNewMetadata().withName("s").withNamespace("test").endMetadata()
        .withNewSpec().withServiceName("h").withNewSelector().addToMatchLabels("app", "q").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "q").endMetadata().withNewSpec()
        .addNewContainer().withName("q").withImage("qdrant/qdrant:v1.12.3").addNewPort().withContainerPort(6333)
        .endPort().withNewReadinessProbe().withNewHttpGet().withPort(new IntOrString(6333)).endHttpGet()
        .endReadinessProbe().endContainer().endSpec().endTemplate()
        .addNewVolumeClaimTemplate().withNewMetadata().withName("data").endMetadata().withNewSpec()
        .withAccessModes("ReadWriteOnce").withNewResources().addToRequests("storage", new Quantity("1Gi"))
        .endResources().endSpec().endVolumeClaimTemplate().endSpec().build();
  }

  private static Service service() {
    return new ServiceBuilder().withNewMetadata().withName("svc").withNamespace("test").endMetadata().withNewSpec()
        .addToSelector("app", "q").addNewPort().withName("http").withPort(6333).endPort()
        .addNewPort().withName("grpc").withPort(6334).withTargetPort(new IntOrString("grpc")).endPort()
        .endSpec().build();
  }

  private static void assertInvalid(Runnable write, String message) {
    assertThatThrownBy(write::run).isInstanceOfSatisfying(KubernetesClientException.class, e -> {
      assertThat(e.getCode()).isEqualTo(422);
      assertThat(e.getStatus().getReason()).isEqualTo("Invalid");
      assertThat(e.getStatus().getMessage()).isEqualTo(message);
    });
  }

  // pkg/apis/apps/v1/defaults.go SetDefaults_StatefulSet
  @Test
  void statefulSetIsDefaulted() {
    StatefulSet created = api.client().resource(statefulSet()).create();

    assertThat(created.getSpec().getReplicas()).isEqualTo(1);
    assertThat(created.getSpec().getPodManagementPolicy()).isEqualTo("OrderedReady");
    assertThat(created.getSpec().getUpdateStrategy().getType()).isEqualTo("RollingUpdate");
    assertThat(created.getSpec().getUpdateStrategy().getRollingUpdate().getPartition()).isZero();
    assertThat(created.getSpec().getRevisionHistoryLimit()).isEqualTo(10);
    assertThat(created.getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenDeleted()).isEqualTo("Retain");
    assertThat(created.getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenScaled()).isEqualTo("Retain");
    assertThat(created.getSpec().getVolumeClaimTemplates().get(0).getSpec().getVolumeMode()).isEqualTo("Filesystem");
  }

  // pkg/apis/core/v1/defaults.go SetDefaults_PodSpec, SetDefaults_Container, SetDefaults_Probe, SetDefaults_HTTPGetAction
  @Test
  void podTemplateContainersAndProbesAreDefaulted() {
    var pod = api.client().resource(statefulSet()).create().getSpec().getTemplate().getSpec();

    assertThat(pod.getRestartPolicy()).isEqualTo("Always");
    assertThat(pod.getDnsPolicy()).isEqualTo("ClusterFirst");
    assertThat(pod.getTerminationGracePeriodSeconds()).isEqualTo(30);
    assertThat(pod.getSchedulerName()).isEqualTo("default-scheduler");
    assertThat(pod.getSecurityContext()).isNotNull();
    var container = pod.getContainers().get(0);
    assertThat(container.getTerminationMessagePath()).isEqualTo("/dev/termination-log");
    assertThat(container.getTerminationMessagePolicy()).isEqualTo("File");
    assertThat(container.getImagePullPolicy()).isEqualTo("IfNotPresent");
    assertThat(container.getPorts().get(0).getProtocol()).isEqualTo("TCP");
    var probe = container.getReadinessProbe();
    assertThat(probe.getTimeoutSeconds()).isEqualTo(1);
    assertThat(probe.getPeriodSeconds()).isEqualTo(10);
    assertThat(probe.getSuccessThreshold()).isEqualTo(1);
    assertThat(probe.getFailureThreshold()).isEqualTo(3);
    assertThat(probe.getHttpGet().getPath()).isEqualTo("/");
    assertThat(probe.getHttpGet().getScheme()).isEqualTo("HTTP");
  }

  // pkg/apis/core/v1/defaults.go SetDefaults_Container: Always for :latest or no tag
  @Test
  void imagePullPolicyFollowsTheTag() {
    Pod pod = api.client().resource(new PodBuilder().withNewMetadata().withName("p").withNamespace("test")
        .endMetadata().withNewSpec().addNewContainer().withName("a").withImage("busybox").endContainer()
        .addNewContainer().withName("b").withImage("registry:5000/busybox:latest").endContainer()
        .addNewContainer().withName("c").withImage("registry:5000/busybox:1.36").endContainer()
        .endSpec().build()).create();

    assertThat(pod.getSpec().getContainers()).extracting(c -> c.getImagePullPolicy())
        .containsExactly("Always", "Always", "IfNotPresent");
  }

  // pkg/apis/core/v1/defaults.go SetDefaults_Service; pkg/registry/core/service/storage/alloc.go
  @Test
  void serviceIsDefaultedAndGetsAClusterIp() {
    Service created = api.client().resource(service()).create();

    var spec = created.getSpec();
    assertThat(spec.getType()).isEqualTo("ClusterIP");
    assertThat(spec.getSessionAffinity()).isEqualTo("None");
    assertThat(spec.getClusterIP()).matches("10\\.43\\.\\d+\\.\\d+");
    assertThat(spec.getClusterIPs()).containsExactly(spec.getClusterIP());
    assertThat(spec.getIpFamilies()).containsExactly("IPv4");
    assertThat(spec.getIpFamilyPolicy()).isEqualTo("SingleStack");
    assertThat(spec.getInternalTrafficPolicy()).isEqualTo("Cluster");
    assertThat(spec.getPorts().get(0).getProtocol()).isEqualTo("TCP");
    assertThat(spec.getPorts().get(0).getTargetPort()).isEqualTo(new IntOrString(6333));
    assertThat(spec.getPorts().get(1).getTargetPort()).as("int-or-string kept as sent")
        .isEqualTo(new IntOrString("grpc"));
    assertThat(api.client().resource(new ServiceBuilder(service()).editMetadata().withName("other").endMetadata()
        .build()).create().getSpec().getClusterIP()).isNotEqualTo(spec.getClusterIP());
  }

  // pkg/registry/core/service/storage/storage.go patchAllocatedValues: an update that omits the IP keeps it
  @Test
  void serviceUpdateWithoutClusterIpKeepsIt() {
    String ip = api.client().resource(service()).create().getSpec().getClusterIP();

    Service updated = api.client().resource(new ServiceBuilder(service()).editMetadata().addToLabels("a", "b")
        .endMetadata().build()).update();

    assertThat(updated.getSpec().getClusterIP()).isEqualTo(ip);
  }

  // pkg/apis/core/validation/validation.go ValidateServiceUpdate
  @Test
  void serviceClusterIpMayNotChange() {
    api.client().resource(service()).create();

    assertInvalid(() -> api.client().services().withName("svc").edit(s -> new ServiceBuilder(s).editSpec()
            .withClusterIP("10.43.200.1").withClusterIPs("10.43.200.1").endSpec().build()),
        "Service \"svc\" is invalid: spec.clusterIPs[0]: Invalid value: []string{\"10.43.200.1\"}: may not change "
            + "once set");
  }

  // pkg/apis/apps/validation/validation.go ValidateStatefulSetUpdate
  @Test
  void statefulSetVolumeClaimTemplatesAreImmutable() {
    api.client().resource(statefulSet()).create();

    assertInvalid(() -> api.client().apps().statefulSets().withName("s").edit(s -> {
      s.getSpec().getVolumeClaimTemplates().get(0).getSpec().getResources().getRequests()
          .put("storage", new Quantity("2Gi"));
      return s;
    }), "StatefulSet.apps \"s\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than "
        + "'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and "
        + "'minReadySeconds' are forbidden");
  }

  @Test
  void statefulSetSelectorIsImmutable() {
    api.client().resource(statefulSet()).create();

    assertInvalid(() -> api.client().apps().statefulSets().withName("s").edit(s -> {
      s.getSpec().getSelector().getMatchLabels().put("tier", "db");
      return s;
    }), "StatefulSet.apps \"s\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than "
        + "'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and "
        + "'minReadySeconds' are forbidden");
  }

  @Test
  void statefulSetReplicasAndTemplateMayChange() {
    api.client().resource(statefulSet()).create();

    StatefulSet updated = api.client().apps().statefulSets().withName("s").edit(s -> {
      s.getSpec().setReplicas(3);
      s.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("qdrant/qdrant:v1.13.0");
      return s;
    });

    assertThat(updated.getSpec().getReplicas()).isEqualTo(3);
  }

  // pkg/apis/core/validation/validation.go ValidatePersistentVolumeClaimUpdate
  @Test
  void claimSpecIsImmutableButForItsRequests() {
    PersistentVolumeClaim claim = api.client().resource(new PersistentVolumeClaimBuilder().withNewMetadata()
        .withName("c").withNamespace("test").endMetadata().withNewSpec().withAccessModes("ReadWriteOnce")
        .withNewResources().addToRequests("storage", new Quantity("1Gi")).endResources().endSpec().build()).create();
    assertThat(claim.getSpec().getVolumeMode()).isEqualTo("Filesystem");

    assertInvalid(() -> api.client().persistentVolumeClaims().withName("c").edit(c -> {
      c.getSpec().setAccessModes(java.util.List.of("ReadWriteMany"));
      return c;
    }), "PersistentVolumeClaim \"c\" is invalid: spec: Forbidden: spec is immutable after creation except "
        + "resources.requests and volumeAttributesClassName for bound claims");
  }

  // pkg/apis/core/validation/validation.go ValidateConfigMapUpdate
  @Test
  void immutableConfigMapDataCannotChange() {
    api.client().resource(new ConfigMapBuilder().withNewMetadata().withName("c").withNamespace("test").endMetadata()
        .withImmutable(true).addToData("a", "1").build()).create();

    assertInvalid(() -> api.client().configMaps().withName("c").edit(c -> new ConfigMapBuilder(c)
        .addToData("a", "2").build()), "ConfigMap \"c\" is invalid: data: Forbidden: field is immutable when "
        + "`immutable` is set");
    assertInvalid(() -> api.client().configMaps().withName("c").edit(c -> new ConfigMapBuilder(c)
        .withImmutable(false).build()), "ConfigMap \"c\" is invalid: immutable: Forbidden: field is immutable when "
        + "`immutable` is set");
  }

  // apimachinery pkg/api/validation/objectmeta.go ValidateOwnerReferences: one controller at most, every reference named
  @Test
  void anObjectHasAtMostOneControllerAndNamedOwners() {
    var owner = api.client().resource(new ConfigMapBuilder().withNewMetadata().withName("owner").withNamespace("test")
        .endMetadata().build()).create();
    var controller = new io.fabric8.kubernetes.api.model.OwnerReferenceBuilder().withApiVersion("v1")
        .withKind("ConfigMap").withName("owner").withUid(owner.getMetadata().getUid()).withController(true).build();
    api.client().resource(new ConfigMapBuilder().withNewMetadata().withName("c").withNamespace("test")
        .withOwnerReferences(controller).endMetadata().build()).create();

    assertThatThrownBy(() -> api.client().configMaps().withName("c").edit(c -> {
      c.getMetadata().getOwnerReferences().add(new io.fabric8.kubernetes.api.model.OwnerReferenceBuilder(controller)
          .withName("another").withUid("4c7f2b9e-0000-4000-8000-000000000001").build());
      return c;
    })).isInstanceOfSatisfying(KubernetesClientException.class, e -> {
      assertThat(e.getCode()).isEqualTo(422);
      assertThat(e.getStatus().getMessage()).startsWith("ConfigMap \"c\" is invalid: metadata.ownerReferences: "
          + "Invalid value: ").endsWith("Only one reference can have Controller set to true. Found \"true\" in "
          + "references for ConfigMap/owner and ConfigMap/another");
    });
    assertInvalid(() -> api.client().resource(new ConfigMapBuilder().withNewMetadata().withName("d")
        .withNamespace("test").addNewOwnerReference().withApiVersion("v1").withKind("ConfigMap").withName("owner")
        .endOwnerReference().endMetadata().build()).create(),
        "ConfigMap \"d\" is invalid: metadata.ownerReferences.uid: Invalid value: \"\": must not be empty");
  }

  // pkg/apis/core/validation/validation.go ValidateSecretUpdate; SetDefaults_Secret
  @Test
  void secretTypeDefaultsToOpaqueAndImmutableSecretsStaySo() {
    var created = api.client().resource(new SecretBuilder().withNewMetadata().withName("s").withNamespace("test")
        .endMetadata().withImmutable(true).addToStringData("k", "v").build()).create();
    assertThat(created.getType()).isEqualTo("Opaque");

    assertInvalid(() -> api.client().secrets().withName("s").edit(s -> new SecretBuilder(s)
        .addToData("k", "dzI=").build()), "Secret \"s\" is invalid: data: Forbidden: field is immutable when "
        + "`immutable` is set");
  }

  // pkg/apis/core/v1/conversion.go Convert_v1_Secret_To_core_Secret: stringData is folded into data, never returned
  @Test
  void secretStringDataIsStoredAsData() {
    var created = api.client().resource(new SecretBuilder().withNewMetadata().withName("s").withNamespace("test")
        .endMetadata().addToStringData("k", "value").build()).create();

    assertThat(created.getData()).containsEntry("k", "dmFsdWU=");
    assertThat(created.getStringData()).isNullOrEmpty();
  }

  // k8s.io/apimachinery/pkg/api/resource/quantity.go: quantities are served in canonical form
  @Test
  void quantitiesAreServedInCanonicalForm() {
    Pod pod = api.client().resource(new PodBuilder().withNewMetadata().withName("p").withNamespace("test")
        .endMetadata().withNewSpec().addNewContainer().withName("a").withImage("img:1").withNewResources()
        .addToRequests(Map.of("cpu", new Quantity("1000m"), "memory", new Quantity("1024Mi")))
        .addToLimits(Map.of("cpu", new Quantity("0.5"))).endResources().endContainer().endSpec().build()).create();

    var resources = pod.getSpec().getContainers().get(0).getResources();
    assertThat(resources.getRequests().get("cpu").toString()).isEqualTo("1");
    assertThat(resources.getRequests().get("memory").toString()).isEqualTo("1Gi");
    assertThat(resources.getLimits().get("cpu").toString()).isEqualTo("500m");
  }

  // Go's encoding/json omitempty: empty slices and maps are not serialised, empty structs are
  @Test
  void emptyListsAndMapsAreDropped() {
    RawHttp.Reply reply = api.http().send("POST", "/api/v1/namespaces/test/pods", "application/json",
        "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\",\"labels\":{},\"annotations\":{}},"
            + "\"spec\":{\"containers\":[{\"name\":\"a\",\"image\":\"img:1\",\"env\":[],\"args\":[],"
            + "\"resources\":{}}],\"tolerations\":[],\"nodeSelector\":{}}}");

    assertThat(reply.code()).isEqualTo(201);
    JsonNode pod = reply.body();
    assertThat(pod.path("metadata").has("labels")).isFalse();
    assertThat(pod.path("metadata").has("annotations")).isFalse();
    assertThat(pod.path("spec").has("tolerations")).isFalse();
    assertThat(pod.path("spec").has("nodeSelector")).isFalse();
    JsonNode container = pod.path("spec").path("containers").get(0);
    assertThat(container.has("env")).isFalse();
    assertThat(container.has("args")).isFalse();
    assertThat(container.path("resources").isObject()).as("an empty struct stays").isTrue();
    assertThat(pod.path("spec").path("securityContext").isObject()).isTrue();
  }

  @Test
  void anInvalidQuantityCannotBeDecoded() {
    RawHttp.Reply reply = api.http().send("POST", "/api/v1/namespaces/test/persistentvolumeclaims",
        "application/json", "{\"apiVersion\":\"v1\",\"kind\":\"PersistentVolumeClaim\",\"metadata\":{\"name\":\"c\"},"
            + "\"spec\":{\"accessModes\":[\"ReadWriteOnce\"],\"resources\":{\"requests\":{\"storage\":\"lots\"}}}}");

    // k8s.io/apimachinery/pkg/api/resource/quantity.go ErrFormatWrong, raised while decoding the body: 400
    assertThat(reply.code()).isEqualTo(400);
    assertThat(reply.body().path("message").asText()).isEqualTo("PersistentVolumeClaim in version \"v1\" cannot be "
        + "handled as a PersistentVolumeClaim: quantities must match the regular expression "
        + "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
  }
}
