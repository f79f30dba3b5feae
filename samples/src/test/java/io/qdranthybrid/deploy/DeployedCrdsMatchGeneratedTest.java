package io.qdranthybrid.deploy;

import io.qdranthybrid.harness.cluster.QdrantCrds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CRD copies in the Kustomize base and the CRD chart are byte-for-byte the generated crds/*.yml, and those
 * are the CRDs of the hybrid-sdk model; run deploy/sync-crds.sh when this fails after a model change.
 */
class DeployedCrdsMatchGeneratedTest {

    private static final String SYNC_HINT = "; run deploy/sync-crds.sh to refresh the copies";

    @ParameterizedTest
    @ValueSource(strings = {"kustomize/crds", "helm/qdrant-hybrid-crds/templates"})
    void copiesAreIdenticalToTheGeneratedCrds(String dir) throws IOException {
        Path copies = DeployTree.deploy(dir);
        List<String> generated = crdFiles(DeployTree.generatedCrds());

        assertThat(crdFiles(copies)).as("CRD files in deploy/%s%s", dir, SYNC_HINT)
                .containsExactlyElementsOf(generated);
        for (String file : generated) {
            assertThat(Files.readString(copies.resolve(file))).as("deploy/%s/%s%s", dir, file, SYNC_HINT)
                    .isEqualTo(Files.readString(DeployTree.generatedCrds().resolve(file)));
        }
    }

    @Test
    void kustomizationListsEveryCrdFile() throws IOException {
        String kustomization = Files.readString(DeployTree.deploy("kustomize/crds/kustomization.yaml"));

        assertThat(crdFiles(DeployTree.generatedCrds())).allSatisfy(file ->
                assertThat(kustomization).as("deploy/kustomize/crds/kustomization.yaml").contains("  - " + file));
    }

    @Test
    void generatedCrdsAreTheSdkModel() throws IOException {
        List<String> fromModel = QdrantCrds.load().stream()
                .map(crd -> crd.getMetadata().getName() + "-v1.yml").sorted().toList();

        assertThat(crdFiles(DeployTree.generatedCrds())).as("crds/ (rewritten by every hybrid-sdk build)")
                .containsExactlyElementsOf(fromModel);
    }

    private static List<String> crdFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".qdrant.io-v1.yml"))
                    .sorted().toList();
        }
    }
}
