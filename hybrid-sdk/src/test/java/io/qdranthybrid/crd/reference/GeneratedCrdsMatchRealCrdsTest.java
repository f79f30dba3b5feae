package io.qdranthybrid.crd.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our generated CRDs ({@code crds/} and {@code crds/optional/}) against the real ones of qdrant/kubernetes-api
 * ({@code ../shared/qdrant-kubernetes-api-crds/}): same names, scope, columns, subresources and a schema that
 * accepts, rejects, prunes and defaults the same, descriptions aside. Every difference must be listed, with its
 * reason, in {@code src/test/resources/crd-reference-differences.txt}.
 */
class GeneratedCrdsMatchRealCrdsTest {

    private static final Path REFERENCE = Path.of("..", "..", "shared", "qdrant-kubernetes-api-crds");
    private static final Path GENERATED = Path.of("..", "crds");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static Map<String, JsonNode> real;
    private static Map<String, JsonNode> ours;

    @BeforeAll
    static void load() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(REFERENCE), "skipped: the real Qdrant CRDs are not at "
                + REFERENCE.toAbsolutePath().normalize() + " (a checkout of this repository next to ../shared)");
        real = byName(REFERENCE, ".yaml");
        ours = new TreeMap<>(byName(GENERATED, ".yml"));
        ours.putAll(byName(GENERATED.resolve("optional"), ".yml"));
    }

    @Test
    void everyRealCrdIsGeneratedAndNoOther() {
        assertThat(ours.keySet()).containsExactlyInAnyOrderElementsOf(real.keySet());
    }

    @Test
    void everyDifferenceFromTheRealCrdsIsAllowListedWithItsReason() throws IOException {
        AllowList allowList = AllowList.load();
        List<String> unexplained = new ArrayList<>();
        List<AllowList.Entry> used = new ArrayList<>();
        for (Map.Entry<String, JsonNode> generated : ours.entrySet()) {
            JsonNode reference = real.get(generated.getKey());
            if (reference == null) {
                continue;
            }
            for (String difference : SchemaDiff.between(generated.getValue().get("spec"), reference.get("spec"))) {
                List<AllowList.Entry> covering = allowList.entries().stream()
                        .filter(entry -> entry.covers(generated.getKey(), difference)).toList();
                if (covering.isEmpty()) {
                    unexplained.add(generated.getKey() + " " + difference);
                }
                used.addAll(covering);
            }
        }
        assertThat(unexplained)
                .as("differences from the real CRDs not in crd-reference-differences.txt:%n%s",
                        String.join("\n", unexplained))
                .isEmpty();
        assertThat(allowList.entries())
                .as("allow-list entries that no longer match a difference (remove them)")
                .allMatch(used::contains);
    }

    /** A generated CRD next to its reference: the test itself must notice a difference (guards the comparison). */
    @Test
    void aChangedRuleIsReportedAsADifference() throws IOException {
        JsonNode reference = real.get("qdrantclusters.qdrant.io").get("spec");
        JsonNode changed = reference.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) changed.at("/versions/0/schema/openAPIV3Schema/properties/spec"
                + "/properties/size")).put("maximum", 99);
        ((com.fasterxml.jackson.databind.node.ObjectNode) changed.at("/versions/0/schema/openAPIV3Schema/properties/spec"
                + "/properties/size")).put("description", "descriptions do not count");

        assertThat(SchemaDiff.between(changed, reference)).containsExactly(
                ".versions[0].schema.openAPIV3Schema.properties.spec.properties.size.maximum: ours 99, real 100");
    }

    private static Map<String, JsonNode> byName(Path folder, String suffix) throws IOException {
        if (!Files.isDirectory(folder)) {
            return Map.of();
        }
        Map<String, JsonNode> crds = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(suffix)).toList()) {
                // chart copies are wrapped in {{ if .Values.… }} lines, which are not YAML
                String yaml = Files.readAllLines(file).stream()
                        .filter(line -> !line.startsWith("{{"))
                        .collect(Collectors.joining("\n"));
                JsonNode crd = YAML.readTree(yaml);
                crds.put(crd.get("metadata").get("name").asText(), crd);
            }
        }
        return crds;
    }
}
