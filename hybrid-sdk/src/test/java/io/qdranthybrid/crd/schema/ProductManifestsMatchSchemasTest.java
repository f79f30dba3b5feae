package io.qdranthybrid.crd.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.qdranthybrid.crd.QdrantApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The qdrant.io manifests the product ships and writes are valid against the generated CRDs, as written and after a
 * round trip through the Java model (what the agent and operator send): the sample manifests (samples/manifests)
 * and this module's reference manifests (test resources, except the *-unknown-* ones, which exist to show the
 * client keeping what a newer server would). A field the API server would prune counts as a failure too: a
 * controller that writes it would see it vanish and write it again forever.
 */
class ProductManifestsMatchSchemasTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final Map<String, StructuralSchemaChecker> CHECKERS = checkers();

    static Stream<Path> manifests() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path dir : List.of(Path.of("..", "samples", "manifests"), Path.of("src", "test", "resources", "manifests"))) {
            try (Stream<Path> listed = Files.list(dir)) {
                listed.filter(f -> f.toString().endsWith(".yaml"))
                        .filter(f -> !f.getFileName().toString().contains("-unknown-"))
                        .sorted()
                        .forEach(files::add);
            }
        }
        assertThat(files).as("manifests found").hasSizeGreaterThan(10);
        return files.stream();
    }

    @ParameterizedTest
    @MethodSource("manifests")
    void manifestIsValidAsWrittenAndAfterTheModelRoundTrip(Path file) throws IOException {
        for (JsonNode object : documents(file)) {
            String kind = object.get("kind").asText();
            StructuralSchemaChecker checker = CHECKERS.get(kind);
            assertThat(checker).as("%s: a CRD for kind %s", file, kind).isNotNull();

            assertThat(checker.check(object)).as("%s %s as written", file, kind).isEmpty();
            assertThat(checker.check(roundTrip(object))).as("%s %s written back by the model", file, kind).isEmpty();
        }
    }

    @Test
    void theCheckerRefusesWhatTheRealCrdsRefuse() throws IOException {
        ObjectNode cluster = (ObjectNode) documents(Path.of("src", "test", "resources", "manifests",
                "cluster-minimal.yaml")).get(0);
        ObjectNode spec = (ObjectNode) cluster.get("spec");
        spec.put("size", 0);
        spec.remove("id");
        spec.putObject("config").put("colection", "typo");
        spec.putObject("service").put("type", "Anything"); // no enum on service.type in the real CRD

        assertThat(CHECKERS.get("QdrantCluster").check(cluster)).containsExactlyInAnyOrder(
                "spec.id: Required value",
                "spec.size: Invalid value: 0: spec.size in body should be greater than or equal to 1",
                "spec.config.colection: pruned (unknown field)");
    }

    @Test
    void theScheduleAcceptsTheRealMacrosAndRefusesFreeText() throws IOException {
        ObjectNode schedule = (ObjectNode) documents(Path.of("src", "test", "resources", "manifests",
                "scheduled-snapshot.yaml")).get(0);
        StructuralSchemaChecker checker = CHECKERS.get("QdrantClusterScheduledSnapshot");

        for (String accepted : List.of("@reboot", "@daily", "0 3 * * *", "*/15 * * * *", "@every 1h30m")) {
            ((ObjectNode) schedule.get("spec")).put("schedule", accepted);
            assertThat(checker.check(schedule)).as(accepted).isEmpty();
        }
        for (String refused : List.of("tomorrow", "@midnight", "0 3 * *")) {
            ((ObjectNode) schedule.get("spec")).put("schedule", refused);
            assertThat(checker.check(schedule)).as(refused).singleElement().asString().startsWith("spec.schedule");
        }
    }

    private static JsonNode roundTrip(JsonNode object) {
        Class<?> type = QdrantApi.KINDS.stream()
                .filter(kind -> kind.getSimpleName().equals(object.get("kind").asText()))
                .findFirst().orElseThrow();
        Object model = SERIALIZATION.convertValue(object, type);
        return SERIALIZATION.convertValue(model, JsonNode.class);
    }

    private static List<JsonNode> documents(Path file) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (YAMLParser parser = new YAMLFactory().createParser(file.toFile())) {
            YAML.readValues(parser, JsonNode.class).forEachRemaining(node -> {
                if (node != null && !node.isNull() && !node.isEmpty()) {
                    documents.add(node);
                }
            });
        }
        return documents;
    }

    private static Map<String, StructuralSchemaChecker> checkers() {
        Map<String, StructuralSchemaChecker> checkers = new HashMap<>();
        for (Class<?> kind : QdrantApi.KINDS) {
            String plural = kind.getAnnotation(io.fabric8.kubernetes.model.annotation.Plural.class).value();
            try (InputStream in = ProductManifestsMatchSchemasTest.class.getResourceAsStream(
                    "/META-INF/fabric8/" + plural + "." + QdrantApi.GROUP + "-v1.yml")) {
                CustomResourceDefinition crd = SERIALIZATION.unmarshal(in, CustomResourceDefinition.class);
                checkers.put(kind.getSimpleName(),
                        new StructuralSchemaChecker(crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema()));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return checkers;
    }
}
