package io.qdranthybrid.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code helm template} of a chart under deploy/helm, by real Helm linked in through helm-java (no helm binary is
 * installed here), for a Kubernetes version our charts accept.
 */
final class HelmTemplate {

    static final String KUBE_VERSION = "v1.31.0";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private HelmTemplate() {
    }

    /** Renders {@code chart} as release {@code release} in {@code namespace} with {@code values} set one by one. */
    static List<HasMetadata> render(String chart, String release, String namespace, Map<String, Object> values) {
        TemplateCommand template = command(chart, release, namespace);
        values.forEach(template::set);
        return Kustomize.parse(template.call());
    }

    /** Renders with a whole values tree, as {@code helm template -f values.yaml} would. */
    static List<HasMetadata> render(String chart, String release, String namespace, JsonNode values) {
        try {
            Path file = Files.createTempFile("values-", ".yaml");
            try {
                YAML.writeValue(file.toFile(), values);
                return Kustomize.parse(command(chart, release, namespace).withValuesFile(file).call());
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TemplateCommand command(String chart, String release, String namespace) {
        return new Helm(DeployTree.deploy("helm/" + chart)).template().withName(release).withNamespace(namespace)
                .withKubeVersion(KUBE_VERSION);
    }
}
