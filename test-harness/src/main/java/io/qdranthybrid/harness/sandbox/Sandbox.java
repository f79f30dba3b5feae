package io.qdranthybrid.harness.sandbox;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.qdranthybrid.harness.cluster.SimulatedCluster;
import io.qdranthybrid.harness.controlplane.ClusterView;
import io.qdranthybrid.harness.controlplane.ControlPlaneSettings;
import io.qdranthybrid.harness.controlplane.SimulatedControlPlane;
import io.qdranthybrid.harness.kube.controllers.kubelet.KubeletSettings;
import io.qdranthybrid.harness.kube.controllers.kubelet.NodePool;
import io.qdranthybrid.harness.stack.HybridEnvironment;
import io.qdranthybrid.harness.stack.StackCluster;
import io.qdranthybrid.harness.timeline.Timeline;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The sandbox: a simulated control plane, a simulated Kubernetes cluster, the operator and the agent in one process.
 * It prints the console URL, onboards a demo environment and creates a 3-node cluster while printing progress, then
 * runs until Ctrl-C. With {@code --scenario demo --exit} it exits 0 once the cluster is Healthy and 1 with the
 * reason otherwise, which makes it a smoke test.
 *
 * <pre>java -jar test-harness/target/qdrant-hybrid-sandbox.jar [--scenario demo] [--exit] [--port 8080] [--nodes 3]
 *     [--node-cpu 4] [--node-memory 16Gi] [--advertise-url ws://host:8080]</pre>
 */
public final class Sandbox implements AutoCloseable {

    static final String NAMESPACE = "hybrid-demo";
    static final String ENVIRONMENT = "demo";
    /** Probes ten times faster than written: nodes come up in seconds, still one after another. */
    private static final double PROBE_TIME_SCALE = 0.1;

    private final SandboxOptions options;
    private final PrintStream out;
    private final PrintStream err;
    private final Timeline timeline = new Timeline("sandbox");
    private final AtomicBoolean closed = new AtomicBoolean();
    private StackCluster cluster;
    /** The simulated cluster's kubeconfig file, for kubectl; null until the cluster runs. */
    private Path kubeconfig;
    private SimulatedControlPlane controlPlane;
    private HybridEnvironment environment;
    private AutoCloseable progress;
    private AutoCloseable refeed;

    Sandbox(SandboxOptions options, PrintStream out, PrintStream err) {
        this.options = options;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        List<String> arguments = List.of(args);
        if (SandboxOptions.wantsHelp(arguments)) {
            System.out.print(SandboxOptions.USAGE);
            return;
        }
        SandboxOptions options;
        try {
            options = SandboxOptions.parse(arguments);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.print(SandboxOptions.USAGE);
            System.exit(2);
            return;
        }
        QuietLogging.configure(options.verbose());
        Sandbox sandbox = new Sandbox(options, System.out, System.err);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }, "sandbox-shutdown"));
        int code = sandbox.run();
        if (code != 0 || options.exit()) {
            sandbox.close();
            System.exit(code);
        }
        sandbox.out.println("Running until Ctrl-C.");
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts everything and plays the scenario; returns the exit code (0 when the scenario succeeded). */
    int run() {
        out.println("qdrant-hybrid sandbox: control plane, Kubernetes cluster, operator and agent in one process");
        try {
            start();
            if (options.scenario().isEmpty()) {
                return 0;
            }
            ClusterView healthy = new DemoScenario(environment, options.timeout()).run();
            out.println();
            out.printf("Cluster %s is %s with %d nodes, Qdrant %s.%n", healthy.id(), healthy.phase(),
                    healthy.nodesReady(), healthy.runningVersion().isEmpty() ? healthy.version()
                            : healthy.runningVersion());
            cluster.simulated().flatMap(c -> c.qdrantEndpoint(NAMESPACE, "qdrant-" + healthy.id() + "-0"))
                    .ifPresent(url -> out.println("Qdrant REST API of its first node: " + url));
            out.println("Console: " + controlPlane.consoleUrl());
            return 0;
        } catch (DemoScenario.ScenarioFailedException e) {
            err.println("Demo failed: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            err.println("Sandbox failed: " + describe(e));
            return 1;
        }
    }

    private void start() {
        out.println("Starting the simulated Kubernetes cluster...");
        NodePool nodes = SandboxCapacity.pool(options);
        cluster = StackCluster.simulated(SimulatedCluster.Settings.defaults().withNodes(nodes)
                .withKubelet(KubeletSettings.defaults().withProbeTimeScale(PROBE_TIME_SCALE)));
        controlPlane = startControlPlane();
        kubeconfig = writeKubeconfig(cluster.cluster().kubeconfig());
        out.println("Console:   " + controlPlane.consoleUrl());
        out.println("Agent URL: " + controlPlane.bootstrapAgentUrl() + (options.advertiseUrl().isPresent()
                ? "  (in bootstrap commands; listening on every interface, port " + controlPlane.port() + ")" : ""));
        out.println("Kubeconfig: " + kubeconfig + "  (kubectl --kubeconfig " + kubeconfig + " -n " + NAMESPACE
                + " get qc,pods)");
        out.println("Capacity:  " + SandboxCapacity.describe(nodes));
        options.advertiseUrl().filter(url -> url.getPort() != -1 && url.getPort() != controlPlane.port())
                .ifPresent(url -> out.println("Note: --advertise-url names port " + url.getPort() + " but the control "
                        + "plane listens on port " + controlPlane.port() + "; give --port " + url.getPort()
                        + " or forward that port, or agents elsewhere cannot reach it."));
        out.println();
        progress = timeline.subscribe(new ProgressPrinter(out));
        cluster.cluster().client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE)
                .endMetadata().build()).create();
        environment = HybridEnvironment.create(controlPlane, cluster, ENVIRONMENT, NAMESPACE,
                cluster.defaultSettings(), timeline);
        refeed = new RotatedKeyRefeed(environment, out);
    }

    /** The simulated cluster's kubeconfig in a file only this user can read, removed when the sandbox stops. */
    private static Path writeKubeconfig(String content) {
        try {
            Path file = Files.createTempFile("qdrant-hybrid-sandbox-", ".kubeconfig");
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the temporary directory's own protection applies
            }
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sandbox's kubeconfig", e);
        }
    }

    /** The requested port, or 8080 when none was asked for and a free one if 8080 is taken. */
    private SimulatedControlPlane startControlPlane() {
        ControlPlaneSettings fast = ControlPlaneSettings.fast();
        ControlPlaneSettings settings = options.advertiseUrl().map(fast::withAdvertisedAgentUrl).orElse(fast);
        if (options.port().isPresent()) {
            return startControlPlane(settings.withPort(options.port().getAsInt()));
        }
        try {
            return startControlPlane(settings.withPort(SandboxOptions.DEFAULT_PORT));
        } catch (UncheckedIOException e) {
            if (!(e.getCause() instanceof BindException)) {
                throw e;
            }
            out.println("Port " + SandboxOptions.DEFAULT_PORT + " is taken; using a free port instead.");
            return startControlPlane(settings.withPort(0));
        }
    }

    /** In memory unless --postgres-url was given; a failed start closes the stores it opened. */
    private SimulatedControlPlane startControlPlane(ControlPlaneSettings settings) {
        if (options.database().isEmpty()) {
            return SimulatedControlPlane.start(settings);
        }
        out.println("Control-plane state in PostgreSQL at " + options.database().get().location());
        return SimulatedControlPlane.start(settings, SandboxStores.on(options.database().get(), settings.clock()));
    }

    /** Stops the agent and operator, the control plane and the cluster, in that order; idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        out.println("Stopping...");
        closeQuietly(progress);
        closeQuietly(refeed);
        closeQuietly(environment);
        closeQuietly(controlPlane);
        closeQuietly(cluster);
        if (kubeconfig != null) {
            closeQuietly(() -> Files.deleteIfExists(kubeconfig));
        }
        options.timeline().ifPresent(file -> {
            timeline.writeJson(file);
            out.println("Timeline written to " + file.toAbsolutePath());
        });
    }

    private void closeQuietly(AutoCloseable part) {
        if (part == null) {
            return;
        }
        try {
            part.close();
        } catch (Exception e) {
            err.println("While stopping: " + describe(e));
        }
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
