package io.qdranthybrid.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The optional auth.qdrant.io and routing.qdrant.io CRDs (crds/optional/) are installed only when asked for, as the
 * real Qdrant chart's includeAuthCRDs / includeRoutingCRDs: a Kustomize component per group and the same two flags
 * in the CRD chart. Their copies are current (deploy/sync-crds.sh).
 */
class HelmAndKustomizeInstallOptionalCrdsOnlyWhenAskedTest {

    private static final String SYNC_HINT = "; run deploy/sync-crds.sh to refresh the copies";
    private static final String CRD_CHART = "qdrant-hybrid-crds";
    private static final List<String> AUTH = List.of("apiauthentications.auth.qdrant.io");
    private static final List<String> ROUTING = List.of("envoybootstrapconfigs.routing.qdrant.io",
            "qdrantclusterroutes.routing.qdrant.io");

    @Test
    void theCrdChartInstallsOptionalKindsOnlyForTheirFlag() {
        assertThat(optionalCrdNames(HelmTemplate.render(CRD_CHART, CRD_CHART, "crds", Map.of()))).isEmpty();
        assertThat(optionalCrdNames(HelmTemplate.render(CRD_CHART, CRD_CHART, "crds", Map.of("includeAuthCRDs", true))))
                .containsExactlyInAnyOrderElementsOf(AUTH);
        assertThat(optionalCrdNames(HelmTemplate.render(CRD_CHART, CRD_CHART, "crds",
                Map.of("includeRoutingCRDs", true)))).containsExactlyInAnyOrderElementsOf(ROUTING);
    }

    @Test
    void kustomizeBaseLeavesThemOutAndTheComponentsAddThem() {
        Kustomize.assumeKubectl();
        assertThat(optionalCrdNames(Kustomize.render("kustomize/crds"))).isEmpty();
        List<HasMetadata> withComponents = Kustomize.render("kustomize/examples/crds-with-optional-kinds");
        assertThat(optionalCrdNames(withComponents)).containsExactlyInAnyOrderElementsOf(
                Stream.concat(AUTH.stream(), ROUTING.stream()).toList());
        assertThat(Manifests.ofType(withComponents, CustomResourceDefinition.class)).hasSize(10);
    }

    @Test
    void copiesAreTheGeneratedOptionalCrds() throws IOException {
        Path generated = DeployTree.generatedCrds().resolve("optional");
        List<String> files = yamlFiles(generated);
        assertThat(files).hasSize(3);
        for (String file : files) {
            String group = file.contains(".auth.") ? "auth" : "routing";
            String flag = group.equals("auth") ? "includeAuthCRDs" : "includeRoutingCRDs";
            String original = Files.readString(generated.resolve(file));
            assertThat(DeployTree.deploy("kustomize/components/" + group + "-crds/" + file))
                    .as("component copy of %s%s", file, SYNC_HINT).hasContent(original);
            String chartCopy = Files.readString(DeployTree.deploy("helm/" + CRD_CHART + "/templates/optional/" + file));
            assertThat(chartCopy).as("chart copy of %s%s", file, SYNC_HINT)
                    .startsWith("{{- if .Values." + flag + " }}\n").endsWith("{{- end }}\n")
                    .contains("helm.sh/resource-policy: keep");
        }
    }

    private static List<String> optionalCrdNames(List<HasMetadata> rendered) {
        return Manifests.ofType(rendered, CustomResourceDefinition.class).stream()
                .map(crd -> crd.getMetadata().getName())
                .filter(name -> name.contains(".auth.qdrant.io") || name.contains(".routing.qdrant.io"))
                .toList();
    }

    private static List<String> yamlFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".yml")).sorted().toList();
        }
    }
}
