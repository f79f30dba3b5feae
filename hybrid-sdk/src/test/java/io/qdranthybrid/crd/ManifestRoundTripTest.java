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
                Arguments.of("release.yaml", QdrantRelease.class));
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
        if (file.contains("unknown-fields")) {
            return;
        }
        HasMetadata resource = read(file, kind);

        assertThat(unmodelledFields(resource, "")).isEmpty();
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
