package io.qdranthybrid.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Assumptions;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Renders a Kustomize directory with {@code kubectl kustomize} (offline) and parses the output. Tests that use it
 * are skipped, not failed, where kubectl is not installed.
 */
final class Kustomize {

    private static final long TIMEOUT_SECONDS = 60;
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private Kustomize() {
    }

    /** Whether kubectl runs here; asked once per JVM. */
    private static volatile Boolean kubectlRuns;

    /** Skips the calling test when kubectl cannot be run. */
    static void assumeKubectl() {
        Assumptions.assumeTrue(kubectlAvailable(), "kubectl is not installed: the Kustomize renderings are not tested "
                + "(install Debian's kubernetes-client; .ci/run does)");
    }

    /** For {@code @BeforeAll} methods, which must not skip (see {@link KubectlRequired}). */
    static boolean kubectlAvailable() {
        Boolean runs = kubectlRuns;
        if (runs == null) {
            runs = kubectlRuns();
            kubectlRuns = runs;
        }
        return runs;
    }

    /** The objects {@code kubectl kustomize <dir under deploy/>} renders, in its output order. */
    static List<HasMetadata> render(String deployRelativeDir) {
        return render(DeployTree.deploy(deployRelativeDir));
    }

    /** The objects {@code kubectl kustomize <dir>} renders, for a kustomization anywhere (a test's own overlay). */
    static List<HasMetadata> render(Path dir) {
        assumeKubectl();
        return parse(renderYaml(dir));
    }

    static String renderYaml(Path dir) {
        Result result = run("kubectl", "kustomize", dir.toString());
        if (result.exitCode() != 0) {
            throw new IllegalStateException("kubectl kustomize " + dir + " failed (" + result.exitCode() + "): "
                    + result.stderr());
        }
        return result.stdout();
    }

    /** Parses a multi-document YAML stream into typed objects (Role, Deployment, CustomResourceDefinition ...). */
    static List<HasMetadata> parse(String yaml) {
        Object parsed = SERIALIZATION.unmarshal(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
        List<HasMetadata> objects = new ArrayList<>();
        if (parsed instanceof List<?> list) {
            list.forEach(item -> objects.add((HasMetadata) item));
        } else if (parsed instanceof HasMetadata single) {
            objects.add(single);
        }
        return objects;
    }

    private static boolean kubectlRuns() {
        try {
            return run("kubectl", "version", "--client").exitCode() == 0;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    private static Result run(String... command) {
        try {
            Process process = new ProcessBuilder(command).start();
            CompletableFuture<String> stdout = drain(process.getInputStream());
            CompletableFuture<String> stderr = drain(process.getErrorStream());
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in "
                        + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), stdout.join(), stderr.join());
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        }
    }

    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private record Result(int exitCode, String stdout, String stderr) {
    }
}
