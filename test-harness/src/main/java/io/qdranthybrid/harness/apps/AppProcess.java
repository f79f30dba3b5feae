package io.qdranthybrid.harness.apps;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs an app's {@code main} in a child JVM, as {@code java -jar} would, with an environment the test chooses (no
 * inherited {@code KUBECONFIG} or {@code QDRANT_*} settings, an empty home), and reports how it ended. For tests of
 * what a user sees when an app cannot start.
 */
public final class AppProcess {

    /** How the process ended: its exit status (null if it was still running at the deadline), and its stderr lines. */
    public record Ending(Integer status, List<String> stderr, Duration took) {

        public String lastLine() {
            return stderr.isEmpty() ? "" : stderr.get(stderr.size() - 1);
        }
    }

    private AppProcess() {
    }

    /** Runs {@code mainClass} with {@code settings} as environment variables, for at most {@code deadline}. */
    public static Ending run(Class<?> mainClass, Map<String, String> settings, Path home, Duration deadline)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.home=" + home, "-cp", System.getProperty("java.class.path"), mainClass.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.equals("KUBECONFIG") || name.startsWith("QDRANT_")
                || name.startsWith("KUBERNETES_") || name.startsWith("MICRONAUT_"));
        environment.put("HOME", home.toString());
        environment.put("MICRONAUT_SERVER_PORT", "-1");
        environment.putAll(settings);
        long started = System.nanoTime();
        Process process = builder.start();
        boolean ended = process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        if (!ended) {
            process.destroyForcibly().waitFor();
        }
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        List<String> lines = stderr.lines().filter(line -> !line.isBlank()).toList();
        return new Ending(ended ? process.exitValue() : null, lines, took);
    }

    /** Writes a kubeconfig whose API server is a local port nobody listens on, and returns its path. */
    public static Path kubeconfigNobodyAnswers(Path directory) throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        return Files.writeString(directory.resolve("kubeconfig-nobody-answers.yaml"), """
                apiVersion: v1
                kind: Config
                clusters: [{name: c, cluster: {server: "http://127.0.0.1:%d"}}]
                contexts: [{name: c, context: {cluster: c, user: u, namespace: qdrant}}]
                current-context: c
                users: [{name: u, user: {token: t}}]
                """.formatted(closedPort));
    }
}
