package io.qdranthybrid.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.beans.IntrospectionException;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ManifestRoundTripTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> manifests() {
        return Stream.of(
                Arguments.of("cluster-minimal.yaml", QdrantCluster.class),
                Arguments.of("cluster-production.yaml", QdrantCluster.class),
                Arguments.of("cluster-unknown-fields.yaml", QdrantCluster.class),
                Arguments.of("snapshot.yaml", QdrantClusterSnapshot.class),
                Arguments.of("scheduled-snapshot.yaml", QdrantClusterScheduledSnapshot.class),
                Arguments.of("restore.yaml", QdrantClusterRestore.class),
                Arguments.of("region.yaml", QdrantCloudRegion.class),
                Arguments.of("entity.yaml", QdrantEntity.class),
                Arguments.of("release.yaml", QdrantRelease.class),
                Arguments.of("cluster-unknown-enum-values.yaml", QdrantCluster.class),
                Arguments.of("snapshot-unknown-fields.yaml", QdrantClusterSnapshot.class),
                Arguments.of("scheduled-snapshot-unknown-fields.yaml", QdrantClusterScheduledSnapshot.class),
                Arguments.of("restore-unknown-fields.yaml", QdrantClusterRestore.class),
                Arguments.of("region-unknown-fields.yaml", QdrantCloudRegion.class),
                Arguments.of("entity-unknown-fields.yaml", QdrantEntity.class),
                Arguments.of("release-unknown-fields.yaml", QdrantRelease.class));
    }

    /** For each kind, a manifest with fields we do not model, and where they must land. */
    static Stream<Arguments> unknownFieldsOfEveryKind() {
        return Stream.of(
                Arguments.of("cluster-unknown-fields.yaml", QdrantCluster.class,
                        List.of(".spec.distributed", ".status.operations")),
                Arguments.of("snapshot-unknown-fields.yaml", QdrantClusterSnapshot.class,
                        List.of(".spec.compression", ".status.progress", ".status.volumeSnapshots[0].restoreSize")),
                Arguments.of("scheduled-snapshot-unknown-fields.yaml", QdrantClusterScheduledSnapshot.class,
                        List.of(".spec.timeZone", ".status.lastSnapshotName")),
                Arguments.of("restore-unknown-fields.yaml", QdrantClusterRestore.class,
                        List.of(".spec.verify", ".spec.source.collections", ".status.restoredCollections")),
                Arguments.of("region-unknown-fields.yaml", QdrantCloudRegion.class,
                        List.of(".spec.maintenanceWindow", ".spec.components[0].priority",
                                ".status.networkPolicySupport")),
                Arguments.of("entity-unknown-fields.yaml", QdrantEntity.class,
                        List.of(".spec.expiresAt", ".status.attempts", ".status.result.retryAfterSeconds")),
                Arguments.of("release-unknown-fields.yaml", QdrantRelease.class,
                        List.of(".spec.minimumOperatorVersion", ".spec.securityAdvisories")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifests")
    void manifestSurvivesReadAndWriteWithNoFieldLost(String file, Class<? extends HasMetadata> kind) throws IOException {
        HasMetadata resource = read(file, kind);

        JsonNode written = JSON.readTree(Serialization.asJson(resource));

        assertThat(written).isEqualTo(tree(file));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifests")
    void everyFieldOfTheReferenceManifestsIsModelledNotJustCarried(String file, Class<? extends HasMetadata> kind)
            throws IOException {
        if (file.contains("unknown")) {
            return;
        }
        HasMetadata resource = read(file, kind);

        assertThat(unmodelledFields(resource, "")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unknownFieldsOfEveryKind")
    void everyKindCarriesFieldsItDoesNotModelInSpecAndStatus(
            String file, Class<? extends HasMetadata> kind, List<String> unknownPaths) throws IOException {
        HasMetadata resource = read(file, kind);

        assertThat(unmodelledFields(resource, "")).containsAll(unknownPaths);
    }

    @Test
    void enumValuesThisVersionDoesNotKnowReadAsNullAndKeepTheirText() throws IOException {
        QdrantCluster cluster = read("cluster-unknown-enum-values.yaml", QdrantCluster.class);
        QdrantClusterSpec spec = cluster.getSpec();

        assertThat(cluster.getStatus().getPhase()).isNull();
        assertThat(cluster.getStatus().rawPhase()).isEqualTo("Restarting");
        assertThat(spec.getRebalanceStrategy()).isNull();
        assertThat(spec.rawRebalanceStrategy()).isEqualTo("by_magic");
        assertThat(spec.getOnDemandReplication()).isNull();
        assertThat(spec.rawOnDemandReplication()).isEqualTo("Eager");
        assertThat(spec.getImage().getPullPolicy()).isNull();
        assertThat(spec.getImage().rawPullPolicy()).isEqualTo("OnFriday");
        assertThat(spec.getConfig().getAudit().getRotation()).isNull();
        assertThat(spec.getConfig().getAudit().rawRotation()).isEqualTo("weekly");
        assertThat(spec.getService().getType()).isNull();
        assertThat(spec.getService().rawType()).isEqualTo("ExternalName");
        assertThat(spec.getGpu().getGpuType()).isNull();
        assertThat(spec.getGpu().rawGpuType()).isEqualTo("intel");
    }

    @Test
    void unknownEnumValuesSurviveAChangeElsewhereAndATypedSetReplacesThem() throws IOException {
        QdrantCluster cluster = read("cluster-unknown-enum-values.yaml", QdrantCluster.class);
        cluster.getSpec().setSize(5);
        cluster.getStatus().setPhase(ClusterPhase.SCALING);

        JsonNode written = JSON.readTree(Serialization.asJson(cluster));

        assertThat(written.at("/spec/size").asInt()).isEqualTo(5);
        assertThat(written.at("/spec/rebalanceStrategy").asText()).isEqualTo("by_magic");
        assertThat(written.at("/spec/gpu/gpuType").asText()).isEqualTo("intel");
        assertThat(written.at("/status/phase").asText()).isEqualTo("Scaling");
        assertThat(cluster.getStatus().getPhase()).isEqualTo(ClusterPhase.SCALING);
    }

    @Test
    void unknownPhasesAndValuesOfTheOtherKindsReadAsNull() throws IOException {
        QdrantClusterSnapshot snapshot = read("snapshot-unknown-fields.yaml", QdrantClusterSnapshot.class);
        QdrantClusterScheduledSnapshot schedule =
                read("scheduled-snapshot-unknown-fields.yaml", QdrantClusterScheduledSnapshot.class);
        QdrantClusterRestore restore = read("restore-unknown-fields.yaml", QdrantClusterRestore.class);
        QdrantCloudRegionStatus region = read("region-unknown-fields.yaml", QdrantCloudRegion.class).getStatus();
        QdrantEntityStatus entity = read("entity-unknown-fields.yaml", QdrantEntity.class).getStatus();

        assertThat(snapshot.getStatus().getPhase()).isNull();
        assertThat(snapshot.getStatus().rawPhase()).isEqualTo("Pending");
        assertThat(schedule.getStatus().getPhase()).isNull();
        assertThat(schedule.getStatus().rawPhase()).isEqualTo("Suspended");
        assertThat(restore.getStatus().getPhase()).isNull();
        assertThat(restore.getStatus().rawPhase()).isEqualTo("Verifying");
        assertThat(region.getPhase()).isNull();
        assertThat(region.rawPhase()).isEqualTo("Degraded");
        assertThat(region.getK8sDistribution()).isNull();
        assertThat(region.rawK8sDistribution()).isEqualTo("hetzner");
        assertThat(region.getMonitoring().getCAdvisorMetricSource()).isNull();
        assertThat(region.getMonitoring().rawCAdvisorMetricSource()).isEqualTo("prometheus");
        assertThat(region.getMonitoring().getNodeMetricSource()).isEqualTo(MetricSource.API);
        assertThat(region.getHelmReleases().get(0).getPhase()).isNull();
        assertThat(region.getHelmReleases().get(0).rawPhase()).isEqualTo("Upgrading");
        assertThat(entity.getPhase()).isNull();
        assertThat(entity.rawPhase()).isEqualTo("Expiring");
        assertThat(entity.getResult().getResult()).isNull();
        assertThat(entity.getResult().rawResult()).isEqualTo("Throttled");
    }

    @Test
    void unknownFieldsAreKeptWhenAKnownFieldIsChanged() throws IOException {
        QdrantCluster cluster = read("cluster-unknown-fields.yaml", QdrantCluster.class);
        cluster.getSpec().setSize(3);

        JsonNode written = JSON.readTree(Serialization.asJson(cluster));

        assertThat(written.at("/spec/size").asInt()).isEqualTo(3);
        assertThat(written.at("/spec/distributed").asBoolean()).isTrue();
        assertThat(written.at("/spec/futureFeature/weights")).hasSize(3);
        assertThat(written.at("/spec/config/service/api_key/rotation").asText()).isEqualTo("weekly");
        assertThat(written.at("/spec/tolerations/0/futureTolerationField").asText()).isEqualTo("kept");
        assertThat(written.at("/status/operations/0/steps/0/name").asText()).isEqualTo("add node");
    }

    @Test
    void typedAccessReadsTheWireNamesOfTheRealOperator() throws IOException {
        QdrantCluster cluster = read("cluster-production.yaml", QdrantCluster.class);
        QdrantClusterSnapshot snapshot = read("snapshot.yaml", QdrantClusterSnapshot.class);

        assertThat(cluster.getSpec().getConfig().getService().getApiKey().getSecretKeyRef().getName())
                .isEqualTo("qdrant-prod-1-apikey");
        assertThat(cluster.getSpec().getConfig().getCollection().getVectors().getOnDisk()).isTrue();
        assertThat(cluster.getSpec().getOnDemandReplication()).isEqualTo(OnDemandReplication.AUTO);
        assertThat(cluster.getSpec().getRebalanceStrategy()).isEqualTo(RebalanceStrategy.BY_COUNT_AND_SIZE);
        assertThat(cluster.getStatus().getPhase()).isEqualTo(ClusterPhase.HEALTHY);
        assertThat(cluster.getStatus().getScaleDownNodeIndex()).isEqualTo(3);
        assertThat(cluster.getStatus().getNodes().get("qdrant-prod-1-0").getStartedAt()).isEqualTo("2026-11-02T08:50:00Z");
        assertThat(snapshot.getSpec().getClusterId()).isEqualTo("prod-1");
        assertThat(snapshot.getSpec().getCreationTimestamp()).isEqualTo(1730000000L);
    }

    private static <T extends HasMetadata> T read(String file, Class<T> kind) throws IOException {
        try (InputStream in = resource(file)) {
            return Serialization.unmarshal(in, kind);
        }
    }

    private static JsonNode tree(String file) throws IOException {
        try (InputStream in = resource(file)) {
            // Through JSON text so both sides use the same number types.
            return JSON.readTree(JSON.writeValueAsString(YAML.readTree(in)));
        }
    }

    private static InputStream resource(String file) {
        InputStream in = ManifestRoundTripTest.class.getResourceAsStream("/manifests/" + file);
        assertThat(in).as("test manifest %s", file).isNotNull();
        return in;
    }

    /** Paths of fields that were read into a catch-all map instead of a typed property. */
    private static List<String> unmodelledFields(Object value, String path) {
        List<String> found = new ArrayList<>();
        if (value == null) {
            return found;
        }
        if (value instanceof WithUnknownFields model) {
            model.getUnknownFields().keySet().forEach(name -> found.add(path + "." + name));
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                found.addAll(unmodelledFields(list.get(i), path + "[" + i + "]"));
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> found.addAll(unmodelledFields(v, path + "." + k)));
        } else if (value.getClass().getPackageName().startsWith("io.qdranthybrid")
                || value instanceof HasMetadata) {
            for (PropertyDescriptor property : properties(value.getClass())) {
                if (property.getReadMethod() != null && !property.getName().equals("unknownFields")
                        && property.getReadMethod().getDeclaringClass() != Object.class) {
                    found.addAll(unmodelledFields(invoke(property, value), path + "." + property.getName()));
                }
            }
        }
        return found;
    }

    private static PropertyDescriptor[] properties(Class<?> type) {
        try {
            return Introspector.getBeanInfo(type).getPropertyDescriptors();
        } catch (IntrospectionException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object invoke(PropertyDescriptor property, Object target) {
        try {
            return property.getReadMethod().invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(e);
        }
    }
}
