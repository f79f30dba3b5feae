package io.qdranthybrid.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qdranthybrid.protocol.message.DesiredResource;
import io.qdranthybrid.protocol.message.NackReason;
import io.qdranthybrid.protocol.message.ResourceKey;
import io.qdranthybrid.protocol.message.ResourceKind;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DesiredResourcePlannerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final DesiredResourcePlanner planner = new DesiredResourcePlanner("qdrant");

    @Test
    void allowListedManifestBecomesALabelledObjectInTheAgentsNamespace() {
        ObjectNode manifest = manifest("qdrant.io/v1", "QdrantCluster", "qdrant-c1");
        manifest.with("metadata").put("resourceVersion", "42").put("uid", "stale");
        manifest.putObject("status").put("phase", "Healthy");
        manifest.with("metadata").with("labels").put(AgentLabels.MANAGED_BY, "someone-else");

        ResourceDecision decision = planner.decide(DesiredResource.present(key(ResourceKind.CLUSTER, "qdrant", "qdrant-c1"),
                12, manifest));

        assertThat(decision).isInstanceOfSatisfying(ResourceDecision.Apply.class, apply -> {
            assertThat(apply.kind()).isEqualTo(ManagedKind.QDRANT_CLUSTER);
            assertThat(apply.object().getMetadata().getNamespace()).isEqualTo("qdrant");
            assertThat(apply.object().getMetadata().getLabels()).containsEntry(AgentLabels.MANAGED_BY, "qdrant-cloud-agent");
            assertThat(apply.object().getMetadata().getAnnotations()).containsEntry(AgentLabels.DESIRED_REVISION, "12");
            assertThat(apply.object().getMetadata().getResourceVersion()).isNull();
            assertThat(apply.object().getMetadata().getUid()).isNull();
            assertThat(apply.object().getAdditionalProperties()).doesNotContainKey("status");
        });
    }

    @Test
    void ownerReferencesAndFinalizersFromTheControlPlaneNeverReachTheCluster() {
        ObjectNode manifest = manifest("qdrant.io/v1", "QdrantCluster", "qdrant-c1");
        manifest.with("metadata").putArray("ownerReferences").addObject()
                .put("apiVersion", "v1").put("kind", "Namespace").put("name", "qdrant").put("uid", "u-1");
        manifest.with("metadata").putArray("finalizers").add("control-plane.example/never-removed");

        ResourceDecision decision = planner.decide(DesiredResource.present(key(ResourceKind.CLUSTER, "qdrant", "qdrant-c1"),
                3, manifest));

        assertThat(decision).isInstanceOfSatisfying(ResourceDecision.Apply.class, apply -> {
            assertThat(apply.object().getMetadata().getOwnerReferences()).isNullOrEmpty();
            assertThat(apply.object().getMetadata().getFinalizers()).isNullOrEmpty();
        });
    }

    @Test
    void helmRepositoryAndHelmReleaseAreComponentReleasesInFluxShapeWithADefaultInterval() {
        ObjectNode repository = manifest("cd.qdrant.io/v1", "HelmRepository", "qdrant-cloud");
        repository.putObject("spec").put("url", "oci://registry.cloud.qdrant.io/qdrant-charts");
        assertThat(planner.decide(present(ResourceKind.COMPONENT_RELEASE, "qdrant-cloud", repository)))
                .isInstanceOfSatisfying(ResourceDecision.Apply.class, apply ->
                        assertThat(apply.object().get("spec", "interval").toString()).isEqualTo("10m"));
        assertThat(planner.decide(present(ResourceKind.COMPONENT_RELEASE, "qdrant-operator", helmRelease())))
                .isInstanceOf(ResourceDecision.Apply.class);
    }

    @Test
    void helmReleaseWithoutChartOrSourceIsInvalid() {
        ObjectNode noSource = helmRelease();
        noSource.with("spec").with("chart").with("spec").remove("sourceRef");
        assertRefused(planner.decide(present(ResourceKind.COMPONENT_RELEASE, "qdrant-operator", noSource)),
                NackReason.INVALID, "sourceRef {kind: HelmRepository, name}");
        assertRefused(planner.decide(present(ResourceKind.COMPONENT_RELEASE, "qdrant-cloud",
                manifest("cd.qdrant.io/v1", "HelmRepository", "qdrant-cloud"))), NackReason.INVALID, "needs a spec");
    }

    @Test
    void helmReleaseMayNotInstallIntoOrReadFromAnotherNamespace() {
        ObjectNode elsewhere = helmRelease();
        elsewhere.with("spec").put("targetNamespace", "kube-system");
        assertRefused(planner.decide(present(ResourceKind.COMPONENT_RELEASE, "qdrant-operator", elsewhere)),
                NackReason.FORBIDDEN_NAMESPACE, "spec.targetNamespace 'kube-system'");
        ObjectNode foreignSource = helmRelease();
        foreignSource.with("spec").with("chart").with("spec").with("sourceRef").put("namespace", "flux-system");
        assertRefused(planner.decide(present(ResourceKind.COMPONENT_RELEASE, "qdrant-operator", foreignSource)),
                NackReason.FORBIDDEN_NAMESPACE, "flux-system");
    }

    private static ObjectNode helmRelease() {
        ObjectNode release = manifest("cd.qdrant.io/v2", "HelmRelease", "qdrant-operator");
        release.putObject("spec").putObject("chart").putObject("spec").put("chart", "qdrant-operator")
                .put("version", "1.6.0").putObject("sourceRef").put("kind", "HelmRepository").put("name", "qdrant-cloud");
        return release;
    }

    @Test
    void otherNamespaceInTheKeyOrTheManifestIsForbidden() {
        assertRefused(planner.decide(DesiredResource.present(key(ResourceKind.CLUSTER, "kube-system", "c"), 1,
                manifest("qdrant.io/v1", "QdrantCluster", "c"))), NackReason.FORBIDDEN_NAMESPACE, "kube-system");
        ObjectNode sneaky = manifest("qdrant.io/v1", "QdrantCluster", "c");
        sneaky.with("metadata").put("namespace", "kube-system");
        assertRefused(planner.decide(present(ResourceKind.CLUSTER, "c", sneaky)), NackReason.FORBIDDEN_NAMESPACE,
                "kube-system");
        assertRefused(planner.decide(DesiredResource.tombstone(key(ResourceKind.CLUSTER, "kube-system", "c"), 1)),
                NackReason.FORBIDDEN_NAMESPACE, "outside this agent's namespace 'qdrant'");
    }

    @Test
    void kindsOutsideTheAllowListAreForbidden() {
        assertRefused(planner.decide(present(ResourceKind.ENTITY, "s", manifest("v1", "Secret", "s"))),
                NackReason.FORBIDDEN_KIND, "v1 Secret is not a kind this agent manages");
        assertRefused(planner.decide(present(ResourceKind.CLUSTER, "crb",
                manifest("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", "crb"))), NackReason.FORBIDDEN_KIND,
                "must be qdrant.io/v1 QdrantCluster");
        // The real Flux group is not ours: a HelmRelease of helm.toolkit.fluxcd.io would drive the customer's Flux.
        assertRefused(planner.decide(present(ResourceKind.COMPONENT_RELEASE, "r",
                manifest("helm.toolkit.fluxcd.io/v2", "HelmRelease", "r"))), NackReason.FORBIDDEN_KIND, "HelmRelease");
    }

    @Test
    void manifestOfAnotherAllowedKindThanItsKeyIsInvalid() {
        assertRefused(planner.decide(present(ResourceKind.SNAPSHOT, "x", manifest("qdrant.io/v1", "QdrantCluster", "x"))),
                NackReason.INVALID, "'snapshots' resources must be qdrant.io/v1 QdrantClusterSnapshot");
    }

    @Test
    void nameMismatchAndInvalidNamesAreInvalid() {
        assertRefused(planner.decide(present(ResourceKind.CLUSTER, "a", manifest("qdrant.io/v1", "QdrantCluster", "b"))),
                NackReason.INVALID, "named 'b'");
        ObjectNode unnamed = manifest("qdrant.io/v1", "QdrantCluster", "x");
        unnamed.with("metadata").remove("name");
        assertRefused(planner.decide(present(ResourceKind.CLUSTER, "Not_Valid", unnamed)), NackReason.INVALID,
                "not a valid Kubernetes name");
        assertRefused(planner.decide(present(ResourceKind.CLUSTER, "x", JSON.createObjectNode().put("kind", "QdrantCluster"))),
                NackReason.INVALID, "needs apiVersion and kind");
    }

    @Test
    void tombstoneDeletesWhicheverComponentKindHasTheName() {
        assertThat(planner.decide(DesiredResource.tombstone(key(ResourceKind.COMPONENT_RELEASE, "qdrant", "r"), 3)))
                .isInstanceOfSatisfying(ResourceDecision.Delete.class, delete -> assertThat(delete.candidates())
                        .containsExactly(ManagedKind.HELM_RELEASE, ManagedKind.HELM_REPOSITORY));
    }

    @Test
    void tombstoneWithAPathInItsNameIsRefusedBeforeAnythingIsLookedUp() {
        for (String name : new String[] {"../../../api/v1/namespaces/kube-system/secrets/x", "a/b", "x?watch=true",
                "x#y", "x%2Fy", "..", "UPPER", "-leading"}) {
            assertRefused(planner.decide(DesiredResource.tombstone(key(ResourceKind.CLUSTER, "qdrant", name), 2)),
                    NackReason.INVALID, "is not a valid Kubernetes name");
            assertRefused(planner.decide(present(ResourceKind.CLUSTER, name,
                    manifest("qdrant.io/v1", "QdrantCluster", name))), NackReason.INVALID, "not a valid Kubernetes name");
        }
        assertThat(planner.decide(DesiredResource.tombstone(key(ResourceKind.CLUSTER, "qdrant", "qdrant-a.b-1"), 2)))
                .isInstanceOf(ResourceDecision.Delete.class);
    }

    @Test
    void metadataOfTheWrongShapeIsThatResourcesProblemNotAnException() {
        ObjectNode metadataArray = manifest("qdrant.io/v1", "QdrantCluster", "c");
        metadataArray.putArray("metadata").add("c");
        assertRefused(planner.decide(present(ResourceKind.CLUSTER, "c", metadataArray)), NackReason.INVALID,
                "metadata must be an object but is an array");
        ObjectNode metadataString = manifest("qdrant.io/v1", "QdrantCluster", "c");
        metadataString.put("metadata", "c");
        assertRefused(planner.decide(present(ResourceKind.CLUSTER, "c", metadataString)), NackReason.INVALID,
                "metadata must be an object but is a string");
        ObjectNode labelsList = manifest("qdrant.io/v1", "QdrantCluster", "c");
        labelsList.with("metadata").putArray("labels").add("team=search");
        assertRefused(planner.decide(present(ResourceKind.CLUSTER, "c", labelsList)), NackReason.INVALID,
                "metadata.labels must be an object of strings but is an array");
        ObjectNode annotationObject = manifest("qdrant.io/v1", "QdrantCluster", "c");
        annotationObject.with("metadata").putObject("annotations").putObject("note").put("x", 1);
        assertRefused(planner.decide(present(ResourceKind.CLUSTER, "c", annotationObject)), NackReason.INVALID,
                "metadata.annotations.note must be a string but is an object");
        ObjectNode numericName = manifest("qdrant.io/v1", "QdrantCluster", "c");
        numericName.with("metadata").put("name", 7);
        assertRefused(planner.decide(present(ResourceKind.CLUSTER, "c", numericName)), NackReason.INVALID,
                "metadata.name must be a string but is a number");
    }

    @Test
    void helmReleaseFieldsOutsideTheAllowListAreForbiddenByName() {
        for (String field : new String[] {"postRenderers", "serviceAccountName", "valuesFrom", "chartRef", "kubeConfig",
                "commonMetadata"}) {
            ObjectNode release = helmRelease();
            release.with("spec").putArray(field).addObject().put("name", "x");
            assertRefused(planner.decide(present(ResourceKind.COMPONENT_RELEASE, "qdrant-operator", release)),
                    NackReason.FORBIDDEN, "spec." + field + " is not allowed in a component release");
        }
        ObjectNode fullyTuned = helmRelease();
        fullyTuned.with("spec").put("timeout", "5m").put("maxHistory", 5).put("releaseName", "op");
        fullyTuned.with("spec").putObject("install").putObject("remediation").put("retries", 3);
        fullyTuned.with("spec").putObject("upgrade").put("cleanupOnFail", true);
        fullyTuned.with("spec").putObject("rollback").put("recreate", true);
        fullyTuned.with("spec").putObject("values").put("replicaCount", 2);
        fullyTuned.with("spec").putArray("dependsOn").addObject().put("name", "qdrant-crds");
        assertThat(planner.decide(present(ResourceKind.COMPONENT_RELEASE, "qdrant-operator", fullyTuned)))
                .isInstanceOf(ResourceDecision.Apply.class);
        ObjectNode chartExtra = helmRelease();
        chartExtra.with("spec").with("chart").with("spec").put("valuesFile", "/etc/passwd");
        assertRefused(planner.decide(present(ResourceKind.COMPONENT_RELEASE, "qdrant-operator", chartExtra)),
                NackReason.FORBIDDEN, "spec.chart.spec.valuesFile is not allowed");
        ObjectNode foreignDependency = helmRelease();
        foreignDependency.with("spec").putArray("dependsOn").addObject().put("name", "x").put("namespace", "flux-system");
        assertRefused(planner.decide(present(ResourceKind.COMPONENT_RELEASE, "qdrant-operator", foreignDependency)),
                NackReason.FORBIDDEN_NAMESPACE, "spec.dependsOn namespace 'flux-system'");
    }

    @Test
    void helmRepositoryUrlsArePinnedToTheConfiguredRegistriesAndSecretsToNamedOnes() {
        DesiredResourcePlanner mirrored = new DesiredResourcePlanner("qdrant", new ComponentReleasePolicy(
                List.of("oci://registry.corp.example/charts", "https://charts.corp.example"), Set.of("corp-pull")));
        for (String url : new String[] {"oci://registry.corp.example/charts", "oci://registry.corp.example/charts/qdrant",
                "https://charts.corp.example/stable"}) {
            assertThat(mirrored.decide(present(ResourceKind.COMPONENT_RELEASE, "qdrant-cloud", repository(url))))
                    .as(url).isInstanceOf(ResourceDecision.Apply.class);
        }
        for (String url : new String[] {"oci://evil.example/charts", "oci://registry.corp.example/charts-evil",
                "oci://registry.corp.example/charts/../../other", "oci://registry.corp.example.evil.example/charts",
                "oci://user@registry.corp.example/charts", "http://charts.corp.example", "oci://registry.corp.example"}) {
            assertRefused(mirrored.decide(present(ResourceKind.COMPONENT_RELEASE, "qdrant-cloud", repository(url))),
                    NackReason.FORBIDDEN, "is not under an allowed Helm repository");
        }
        ObjectNode named = repository("oci://registry.corp.example/charts");
        named.with("spec").putObject("secretRef").put("name", "corp-pull");
        assertThat(mirrored.decide(present(ResourceKind.COMPONENT_RELEASE, "qdrant-cloud", named)))
                .isInstanceOf(ResourceDecision.Apply.class);
        ObjectNode agentsOwn = repository("oci://registry.corp.example/charts");
        agentsOwn.with("spec").putObject("certSecretRef").put("name", "qdrant-cloud-agent-access-key");
        assertRefused(mirrored.decide(present(ResourceKind.COMPONENT_RELEASE, "qdrant-cloud", agentsOwn)),
                NackReason.FORBIDDEN, "spec.certSecretRef names Secret 'qdrant-cloud-agent-access-key'");
        ObjectNode shared = repository("oci://registry.corp.example/charts");
        shared.with("spec").putObject("accessFrom");
        assertRefused(mirrored.decide(present(ResourceKind.COMPONENT_RELEASE, "qdrant-cloud", shared)),
                NackReason.FORBIDDEN, "spec.accessFrom is not allowed");
        // By default only Qdrant's registry, and no Secret at all.
        ObjectNode withSecret = repository("oci://registry.cloud.qdrant.io/qdrant-charts");
        withSecret.with("spec").putObject("secretRef").put("name", "corp-pull");
        assertRefused(planner.decide(present(ResourceKind.COMPONENT_RELEASE, "qdrant-cloud", withSecret)),
                NackReason.FORBIDDEN, "not one of the Secrets component releases may use []");
    }

    private static ObjectNode repository(String url) {
        ObjectNode repository = manifest("cd.qdrant.io/v1", "HelmRepository", "qdrant-cloud");
        repository.putObject("spec").put("url", url).put("type", "oci");
        return repository;
    }

    private static void assertRefused(ResourceDecision decision, NackReason reason, String why) {
        assertThat(decision).isInstanceOfSatisfying(ResourceDecision.Refuse.class, refuse -> {
            assertThat(refuse.reason()).isEqualTo(reason);
            assertThat(refuse.message()).contains(why);
        });
    }

    private static DesiredResource present(ResourceKind kind, String name, ObjectNode manifest) {
        return DesiredResource.present(key(kind, "qdrant", name), 1, manifest);
    }

    private static ResourceKey key(ResourceKind kind, String namespace, String name) {
        return new ResourceKey(kind, namespace, name);
    }

    private static ObjectNode manifest(String apiVersion, String kind, String name) {
        ObjectNode manifest = JSON.createObjectNode().put("apiVersion", apiVersion).put("kind", kind);
        manifest.putObject("metadata").put("name", name);
        return manifest;
    }
}
