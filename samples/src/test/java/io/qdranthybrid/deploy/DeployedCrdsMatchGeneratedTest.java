package io.qdranthybrid.deploy;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.qdranthybrid.harness.cluster.QdrantCrds;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CRD copies in the Kustomize base (verbatim) and in the CRD chart (plus helm.sh/resource-policy: keep) are
 * the generated crds/*.yml, and those are the CRDs of the hybrid-sdk model; the Helm CRD chart holds the files of
 * deploy/kustomize/helm-crds the same way. Run deploy/sync-crds.sh when this fails.
 */
class DeployedCrdsMatchGeneratedTest {

    private static final String SYNC_HINT = "; run deploy/sync-crds.sh to refresh the copies";
    private static final String KEEP = "helm.sh/resource-policy";
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    @Test
    void kustomizeCopiesAreByteForByteTheGeneratedCrds() throws IOException {
        Path copies = DeployTree.deploy("kustomize/crds");
        List<String> generated = crdFiles(DeployTree.generatedCrds());

        assertThat(crdFiles(copies)).as("CRD files in deploy/kustomize/crds%s", SYNC_HINT)
                .containsExactlyElementsOf(generated);
        for (String file : generated) {
            assertThat(Files.readString(copies.resolve(file))).as("deploy/kustomize/crds/%s%s", file, SYNC_HINT)
                    .isEqualTo(Files.readString(DeployTree.generatedCrds().resolve(file)));
        }
    }

    @Test
    void helmCopiesAreTheGeneratedCrdsKeptOnUninstall() throws IOException {
        Path copies = DeployTree.deploy("helm/qdrant-hybrid-crds/templates");
        List<String> generated = crdFiles(DeployTree.generatedCrds());

        assertThat(crdFiles(copies)).as("CRD files in the chart%s", SYNC_HINT).containsExactlyElementsOf(generated);
        for (String file : generated) {
            String copyText = Files.readString(copies.resolve(file));
            assertThat(copyText).as("templates/%s must not contain template directives", file).doesNotContain("{{");
            CustomResourceDefinition copy = crd(copyText);
            CustomResourceDefinition original = crd(Files.readString(DeployTree.generatedCrds().resolve(file)));

            assertThat(copy.getMetadata().getAnnotations()).as("annotations of %s", file)
                    .containsExactlyEntriesOf(Map.of(KEEP, "keep"));
            copy.getMetadata().setAnnotations(original.getMetadata().getAnnotations());
            assertThat(copy).as("templates/%s apart from %s%s", file, KEEP, SYNC_HINT).isEqualTo(original);
        }
    }

    @Test
    void helmCrdChartHoldsTheKustomizeHelmCrdsKeptOnUninstall() throws IOException {
        Path originals = DeployTree.deploy("kustomize/helm-crds");
        Path copies = DeployTree.deploy("helm/qdrant-hybrid-helm-crds/templates");
        List<String> files = helmCrdFiles(originals);

        assertThat(files).containsExactly("helmreleases.cd.qdrant.io.yaml", "helmrepositories.cd.qdrant.io.yaml");
        assertThat(helmCrdFiles(copies)).as("CRD files in the Helm CRD chart%s", SYNC_HINT).isEqualTo(files);
        String kustomization = Files.readString(originals.resolve("kustomization.yaml"));
        for (String file : files) {
            assertThat(kustomization).as("deploy/kustomize/helm-crds/kustomization.yaml").contains("  - " + file);
            String copyText = Files.readString(copies.resolve(file));
            assertThat(copyText).as("templates/%s must not contain template directives", file).doesNotContain("{{");
            CustomResourceDefinition copy = crd(copyText);
            CustomResourceDefinition original = crd(Files.readString(originals.resolve(file)));
            assertThat(original.getSpec().getGroup()).isEqualTo("cd.qdrant.io");
            assertThat(copy.getMetadata().getAnnotations()).as("annotations of %s", file)
                    .containsExactlyEntriesOf(Map.of(KEEP, "keep"));
            copy.getMetadata().setAnnotations(original.getMetadata().getAnnotations());
            assertThat(copy).as("templates/%s apart from %s%s", file, KEEP, SYNC_HINT).isEqualTo(original);
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

    private static CustomResourceDefinition crd(String yaml) {
        return SERIALIZATION.unmarshal(yaml, CustomResourceDefinition.class);
    }

    private static List<String> helmCrdFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".cd.qdrant.io.yaml"))
                    .sorted().toList();
        }
    }

    private static List<String> crdFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".qdrant.io-v1.yml"))
                    .sorted().toList();
        }
    }
}
