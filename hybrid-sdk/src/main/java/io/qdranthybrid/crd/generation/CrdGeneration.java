package io.qdranthybrid.crd.generation;

import io.fabric8.crdv2.generator.CRDGenerator;
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
        int written = new CRDGenerator()
                .customResourceClasses(List.<Class<? extends HasMetadata>>copyOf(QdrantApi.KINDS))
                // Types with an any-getter/setter keep fields we do not model (x-kubernetes-preserve-unknown-fields).
                .withImplicitPreserveUnknownFields(true)
                .withPostProcessor(new PrinterColumnOrder(QdrantApi.KINDS))
                .forCRDVersions("v1")
                .inOutputDir(output.toFile())
                .generate();
        if (written != QdrantApi.KINDS.size()) {
            throw new IllegalStateException("generated " + written + " CRDs, expected " + QdrantApi.KINDS.size());
        }
    }
}
