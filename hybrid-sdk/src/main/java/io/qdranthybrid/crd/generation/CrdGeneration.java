package io.qdranthybrid.crd.generation;

import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.qdranthybrid.crd.QdrantApi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the qdrant.io/v1 CRDs generated from the model, run by the build (process-classes) rather than the
 * fabric8 Maven plugin, because only the generator's API accepts a post-processor to fix the printer-column order.
 * Needs crd-generator-api-v2 on the classpath, which the hybrid-sdk jar does not bring: it is a build-time tool.
 */
public final class CrdGeneration {

    private CrdGeneration() {
    }

    /** @param args the output directory, e.g. target/classes/META-INF/fabric8 */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: CrdGeneration <output directory>");
        }
        Path output = Files.createDirectories(Path.of(args[0]));
        CRDPostProcessor columns = new PrinterColumnOrder(QdrantApi.KINDS);
        CRDPostProcessor rules = new ModelSchemaRules(QdrantApi.KINDS);
        CRDPostProcessor postProcessor = new CRDPostProcessor() {
            @Override
            public HasMetadata process(HasMetadata crd, String version) {
                return rules.process(columns.process(crd, version), version);
            }
        };
        int written = new CRDGenerator()
                .customResourceClasses(List.<Class<? extends HasMetadata>>copyOf(QdrantApi.KINDS))
                // No implicit preserve-unknown-fields: the model's any-setter is the client's tolerance of newer
                // fields, not the server's. The API server prunes unknown fields exactly where the real CRDs do.
                .withPostProcessor(postProcessor)
                .forCRDVersions("v1")
                .inOutputDir(output.toFile())
                .generate();
        if (written != QdrantApi.KINDS.size()) {
            throw new IllegalStateException("generated " + written + " CRDs, expected " + QdrantApi.KINDS.size());
        }
    }
}
