package io.qdranthybrid.crd.generation;

import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.qdranthybrid.crd.OptionalQdrantApis;
import io.qdranthybrid.crd.QdrantApi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/**
 * Writes the CRDs generated from the model, run by the build (process-classes) rather than the fabric8 Maven plugin,
 * because only the generator's API accepts post-processors: the printer-column order and the schema rules the
 * generator cannot derive ({@link ModelSchemaRules}). The qdrant.io/v1 kinds and the optional kinds
 * ({@link OptionalQdrantApis}) go to separate directories, so that installing the first never installs the second.
 * Needs crd-generator-api-v2 on the classpath, which the hybrid-sdk jar does not bring: it is a build-time tool.
 */
public final class CrdGeneration {

    private CrdGeneration() {
    }

    /**
     * @param args the output directory of the qdrant.io/v1 CRDs (e.g. target/classes/META-INF/fabric8) and that of
     *             the optional ones
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: CrdGeneration <output directory> <optional kinds' directory>");
        }
        generate(QdrantApi.KINDS, Path.of(args[0]));
        generate(OptionalQdrantApis.KINDS, Path.of(args[1]));
    }

    private static void generate(Collection<? extends Class<? extends HasMetadata>> kinds, Path directory)
            throws IOException {
        Path output = Files.createDirectories(directory);
        CRDPostProcessor columns = new PrinterColumnOrder(kinds);
        CRDPostProcessor rules = new ModelSchemaRules(kinds);
        CRDPostProcessor postProcessor = new CRDPostProcessor() {
            @Override
            public HasMetadata process(HasMetadata crd, String version) {
                return rules.process(columns.process(crd, version), version);
            }
        };
        int written = new CRDGenerator()
                .customResourceClasses(List.<Class<? extends HasMetadata>>copyOf(kinds))
                // No implicit preserve-unknown-fields: the model's any-setter is the client's tolerance of newer
                // fields, not the server's. The API server prunes unknown fields exactly where the real CRDs do.
                .withPostProcessor(postProcessor)
                .forCRDVersions("v1")
                .inOutputDir(output.toFile())
                .generate();
        if (written != kinds.size()) {
            throw new IllegalStateException("generated " + written + " CRDs, expected " + kinds.size());
        }
    }
}
