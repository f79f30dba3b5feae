package io.qdranthybrid.crd;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceSubresourceScale;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The CRDs are generated from the model at build time; these checks pin what users and kubectl rely on. */
class GeneratedCrdTest {

    private static final List<String> ALL_PLURALS = List.of("qdrantclusters", "qdrantclustersnapshots",
            "qdrantclusterscheduledsnapshots", "qdrantclusterrestores", "qdrantcloudregions", "qdrantentities",
            "qdrantreleases");

    @Test
    void everyKindShipsAsACrdInsideTheJarWithItsNamesAndScope() {
        assertNames("qdrantclusters", "QdrantCluster", "Namespaced", "qc", "qcs");
        assertNames("qdrantclustersnapshots", "QdrantClusterSnapshot", "Namespaced", "qcsnap", "qcsnaps");
        assertNames("qdrantclusterscheduledsnapshots", "QdrantClusterScheduledSnapshot", "Namespaced", "qcssnap", "qcssnaps");
        assertNames("qdrantclusterrestores", "QdrantClusterRestore", "Namespaced", "qcrs", "qcr");
        assertNames("qdrantcloudregions", "QdrantCloudRegion", "Cluster", "region", "regions");
        assertNames("qdrantentities", "QdrantEntity", "Namespaced", "qe");
        assertNames("qdrantreleases", "QdrantRelease", "Namespaced", "qr", "qrs");
    }

    @Test
    void qdrantClusterHasTheScaleSubresourceSoKubectlScaleWorks() {
        CustomResourceDefinitionVersion v1 = version("qdrantclusters");

        CustomResourceSubresourceScale scale = v1.getSubresources().getScale();
        assertThat(scale.getSpecReplicasPath()).isEqualTo(".spec.size");
        assertThat(scale.getStatusReplicasPath()).isEqualTo(".status.currentNodes");
        assertThat(scale.getLabelSelectorPath()).isEqualTo(".status.selector");
        assertThat(v1.getSubresources().getStatus()).isNotNull();
    }

    @Test
    void printerColumnsMatchTheRealOperatorInItsOrder() {
        assertThat(columns("qdrantclusters")).containsExactly(
                "Nodes=.spec.size:integer", "Version=.spec.version:string", "Phase=.status.phase:string",
                "Age=.metadata.creationTimestamp:date");
        assertThat(columns("qdrantclustersnapshots")).containsExactly(
                "clusterid=.spec.cluster-id:string", "Phase=.status.phase:string", "retainUntil=.status.retainUntil:string",
                "completion-time=.status.completionTime:string", "age=.metadata.creationTimestamp:date");
        assertThat(columns("qdrantclusterscheduledsnapshots")).containsExactly(
                "clusterid=.spec.cluster-id:string", "scheduleShortId=.spec.scheduleShortId:string",
                "schedule=.spec.schedule:string", "retention=.spec.retention:string",
                "scheduled=.status.scheduled:string", "age=.metadata.creationTimestamp:date");
        assertThat(columns("qdrantclusterrestores")).containsExactly(
                "Phase=.status.phase:string", "Age=.metadata.creationTimestamp:date");
        assertThat(columns("qdrantcloudregions")).containsExactly(
                "K8s Version=.status.k8sVersion:string", "Phase=.status.phase:string",
                "Age=.metadata.creationTimestamp:date");
        assertThat(columns("qdrantentities")).containsExactly(
                "EntityType=.spec.entityType:string", "Phase=.status.phase:string",
                "Age=.metadata.creationTimestamp:date");
        assertThat(columns("qdrantreleases")).containsExactly(
                "Version=.spec.version:string", "Default=.spec.default:boolean",
                "Unavailable=.spec.unavailable:boolean", "EndOfLife=.spec.endOfLife:boolean");
    }

    @Test
    void statusSubresourceOnEveryKindButQdrantRelease() {
        for (String plural : List.of("qdrantclusters", "qdrantclustersnapshots", "qdrantclusterscheduledsnapshots",
                "qdrantclusterrestores", "qdrantcloudregions", "qdrantentities")) {
            assertThat(version(plural).getSubresources().getStatus()).as(plural).isNotNull();
        }
        assertThat(version("qdrantreleases").getSubresources()).isNull();
    }

    @Test
    void clusterSchemaValidatesSizeRequiredFieldsAndEnums() {
        JSONSchemaProps spec = schema("qdrantclusters").getProperties().get("spec");

        assertThat(spec.getRequired()).containsExactlyInAnyOrder("id", "version", "size");
        JSONSchemaProps size = spec.getProperties().get("size");
        assertThat(size.getMinimum()).isEqualTo(1.0);
        assertThat(size.getMaximum()).isEqualTo(100.0);
        assertThat(enumValues(spec.getProperties().get("onDemandReplication"))).containsExactlyInAnyOrder("Off", "Auto", "On");
        assertThat(enumValues(spec.getProperties().get("rebalanceStrategy")))
                .containsExactlyInAnyOrder("by_count", "by_size", "by_count_and_size", "disabled");
        // the real CRD has no enum on service.type, image.pullPolicy or status.phase: it accepts any string there
        assertThat(spec.getProperties().get("service").getProperties().get("type").getEnum()).isNullOrEmpty();
        assertThat(spec.getProperties().get("image").getProperties().get("pullPolicy").getEnum()).isNullOrEmpty();
        assertThat(schema("qdrantclusters").getProperties().get("status").getProperties().get("phase").getEnum())
                .isNullOrEmpty();
    }

    @Test
    void unknownFieldsArePrunedExceptWhereTheRealCrdsKeepThem() {
        JSONSchemaProps cluster = schema("qdrantclusters");
        JSONSchemaProps spec = cluster.getProperties().get("spec");
        // the real QdrantCluster keeps unknown top-level spec and status fields, but prunes a typo in spec.config
        assertThat(spec.getXKubernetesPreserveUnknownFields()).isTrue();
        assertThat(cluster.getProperties().get("status").getXKubernetesPreserveUnknownFields()).isTrue();
        assertThat(spec.getProperties().get("config").getXKubernetesPreserveUnknownFields()).isNull();
        assertThat(spec.getProperties().get("config").getProperties().get("collection")
                .getXKubernetesPreserveUnknownFields()).isNull();
        assertThat(schema("qdrantreleases").getProperties().get("spec").getXKubernetesPreserveUnknownFields()).isNull();
        assertThat(schema("qdrantreleases").getProperties()).doesNotContainKey("status");
    }

    @Test
    void defaultsTheApiServerInjects() {
        JSONSchemaProps spec = schema("qdrantclusters").getProperties().get("spec");
        assertThat(spec.getProperties().get("suspend").getDefault().asBoolean(true)).isFalse();
        assertThat(spec.getProperties().get("service").getProperties().get("type").getDefault().asText())
                .isEqualTo("ClusterIP");
        assertThat(spec.getProperties().get("gpu").getProperties().get("parallelIndexes").getDefault().asInt())
                .isEqualTo(1);
        assertThat(spec.getProperties().get("config").getProperties().get("audit").getProperties()
                .get("max_log_files").getDefault().asInt()).isEqualTo(7);
    }

    @Test
    void snapshotRetentionMustBeHours() {
        JSONSchemaProps snapshotSpec = schema("qdrantclustersnapshots").getProperties().get("spec");
        JSONSchemaProps scheduleSpec = schema("qdrantclusterscheduledsnapshots").getProperties().get("spec");

        assertThat(snapshotSpec.getProperties().get("retention").getPattern()).isEqualTo("^[0-9]+h$");
        assertThat(snapshotSpec.getProperties().get("scheduleShortId").getMaxLength()).isEqualTo(8L);
        assertThat(snapshotSpec.getRequired()).containsExactly("cluster-id");
        assertThat(scheduleSpec.getProperties().get("retention").getPattern()).isEqualTo("^[0-9]+h$");
        assertThat(scheduleSpec.getRequired()).contains("cluster-id", "scheduleShortId", "schedule", "retention");
        assertThat("0 3 * * *").matches(scheduleSpec.getProperties().get("schedule").getPattern());
        assertThat("@every 1h30m").matches(scheduleSpec.getProperties().get("schedule").getPattern());
        assertThat("tomorrow").doesNotMatch(scheduleSpec.getProperties().get("schedule").getPattern());
        assertThat("@reboot").matches(scheduleSpec.getProperties().get("schedule").getPattern());
        assertThat("0 3 * * * * * *").doesNotMatch(scheduleSpec.getProperties().get("schedule").getPattern());
    }

    @Test
    void topLevelCrdsFolderHoldsTheSameCrdsAsTheJar() throws IOException {
        Path folder = Path.of("..", "crds");
        for (String plural : ALL_PLURALS) {
            Path file = folder.resolve(fileName(plural));
            assertThat(file).as("kubectl apply -f crds/ needs %s", file).exists();
            try (InputStream jar = open(plural)) {
                assertThat(Files.readString(file)).isEqualTo(new String(jar.readAllBytes()));
            }
        }
    }

    @Test
    void optionalKindsArePublishedApartFromTheQdrantIoCrds() throws IOException {
        Path folder = Path.of("..", "crds", "optional");
        for (String name : List.of("apiauthentications.auth.qdrant.io", "qdrantclusterroutes.routing.qdrant.io",
                "envoybootstrapconfigs.routing.qdrant.io")) {
            String file = name + "-v1.yml";
            assertThat(Path.of("..", "crds", file)).as("kubectl apply -f crds/ must not install %s", name).doesNotExist();
            assertThat(GeneratedCrdTest.class.getResource("/META-INF/fabric8/" + file)).as(name).isNull();
            try (InputStream jar = GeneratedCrdTest.class.getResourceAsStream("/META-INF/qdrant-optional-crds/" + file)) {
                assertThat(jar).as("%s in the jar", name).isNotNull();
                assertThat(Files.readString(folder.resolve(file))).isEqualTo(new String(jar.readAllBytes()));
            }
        }
    }

    private static void assertNames(String plural, String kind, String scope, String... shortNames) {
        CustomResourceDefinition crd = crd(plural);
        assertThat(crd.getMetadata().getName()).isEqualTo(plural + ".qdrant.io");
        assertThat(crd.getSpec().getGroup()).isEqualTo("qdrant.io");
        assertThat(crd.getSpec().getNames().getKind()).isEqualTo(kind);
        assertThat(crd.getSpec().getNames().getPlural()).isEqualTo(plural);
        assertThat(crd.getSpec().getNames().getShortNames()).containsExactly(shortNames);
        assertThat(crd.getSpec().getScope()).isEqualTo(scope);
        assertThat(crd.getSpec().getVersions()).extracting(CustomResourceDefinitionVersion::getName).containsExactly("v1");
    }

    private static List<String> columns(String plural) {
        return version(plural).getAdditionalPrinterColumns().stream()
                .map((CustomResourceColumnDefinition c) -> c.getName() + "=" + c.getJsonPath() + ":" + c.getType())
                .toList();
    }

    private static List<String> enumValues(JSONSchemaProps property) {
        return property.getEnum().stream().map(node -> node.asText()).toList();
    }

    private static JSONSchemaProps schema(String plural) {
        return version(plural).getSchema().getOpenAPIV3Schema();
    }

    private static CustomResourceDefinitionVersion version(String plural) {
        return crd(plural).getSpec().getVersions().get(0);
    }

    private static CustomResourceDefinition crd(String plural) {
        try (InputStream in = open(plural)) {
            return Serialization.unmarshal(in, CustomResourceDefinition.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InputStream open(String plural) {
        InputStream in = GeneratedCrdTest.class.getResourceAsStream("/META-INF/fabric8/" + fileName(plural));
        assertThat(in).as("generated CRD for %s on the classpath", plural).isNotNull();
        return in;
    }

    private static String fileName(String plural) {
        return plural + ".qdrant.io-v1.yml";
    }
}
