package io.qdranthybrid.benchmarks.admission;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.qdranthybrid.benchmarks.BenchmarkArgs;
import io.qdranthybrid.benchmarks.convergence.ConvergenceBenchmark;
import io.qdranthybrid.benchmarks.convergence.FleetConvergence;
import io.qdranthybrid.benchmarks.convergence.HybridOperator;
import io.qdranthybrid.benchmarks.report.BenchmarkRun;
import io.qdranthybrid.benchmarks.report.ReportWriter;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.harness.cluster.QdrantClusterManifests;
import io.qdranthybrid.harness.cluster.QdrantCrds;
import io.qdranthybrid.harness.kube.ApiServerCpu;
import io.qdranthybrid.harness.kube.schema.CustomResourceSchema;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the strict API server's custom resource admission (pruning, defaulting, validation, CEL rules) costs. Two
 * measurements: the CPU of one QdrantCluster admission in a tight loop (create and update, JIT warm), and, during the
 * 500-cluster convergence run, admission's share of the API server's request-handling CPU
 * ({@link ApiServerCpu}), with that run's time to all Healthy.
 *
 * <p>Options: {@code --writes 20000} (admissions per loop measurement), {@code --clusters 500}, {@code --warmup 300}
 * (clusters of an unreported convergence run first, as the convergence benchmark), {@code --workers 4},
 * {@code --timeout 10m}.
 */
public final class AdmissionBenchmark {

    public static final String NAME = "admission";
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private AdmissionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchmarkArgs options = BenchmarkArgs.parse(args);
        int writes = options.integer("writes", 20_000);
        int clusters = options.integer("clusters", 500);
        int warmup = options.integer("warmup", 300);
        int workers = options.integer("workers", 4);
        Duration timeout = options.duration("timeout", Duration.ofMinutes(10));
        BenchmarkRun run = new BenchmarkRun(NAME,
                "Admission: what the strict API server's schema checks cost per QdrantCluster write and in convergence",
                "mvn -B -q -pl benchmarks -am package -DskipTests && java -Xmx6g -jar benchmarks/target/benchmarks.jar "
                        + NAME + " --writes " + writes + " --clusters " + clusters);
        String loadBefore = loadAverage();

        CustomResourceSchema schema = CustomResourceSchema.compile(new ObjectMapper().valueToTree(
                QdrantCrds.load(QdrantCluster.class)));
        ObjectNode cluster = new ObjectMapper().valueToTree(
                QdrantClusterManifests.standard("bench", "c0", FleetConvergence.NODES_PER_CLUSTER, FleetConvergence.VERSION));
        measureLoop(schema, cluster, writes); // JIT warm-up, not reported
        LoopCost create = measureLoop(schema, cluster, writes);
        ObjectNode stored = cluster.deepCopy();
        schema.admit("v1", stored, null);
        LoopCost update = measureLoopWithOld(schema, stored, writes);
        run.figure("QdrantCluster create admission, CPU per write", create.microsPerWrite(), "µs");
        run.figure("QdrantCluster update admission (transition rules against the stored object), CPU per write",
                update.microsPerWrite(), "µs");
        System.out.printf("admission: %.1f µs per create, %.1f µs per update%n", create.microsPerWrite(),
                update.microsPerWrite());

        if (warmup > 0) {
            System.out.printf("admission: warming up with %d clusters (not reported)%n", warmup);
            FleetConvergence.run(() -> new HybridOperator(workers, Duration.ofSeconds(30)), warmup, Duration.ZERO,
                    timeout);
        }
        System.out.printf("admission: %d clusters%n", clusters);
        FleetConvergence.Result result = FleetConvergence.run(() -> new HybridOperator(workers, Duration.ofSeconds(30)),
                clusters, Duration.ZERO, timeout);
        ApiServerCpu.Snapshot cpu = result.apiServerCpu();
        String n = "N=" + clusters + ": ";
        run.figure(n + "all Healthy after", result.secondsToHealthy(), "s");
        run.figure(n + "API server request-handling CPU", cpu.requestCpuNanos() / 1e9, "s");
        run.figure(n + "custom resource admissions", cpu.admissions(), "");
        run.figure(n + "admission CPU", cpu.admissionCpuNanos() / 1e9, "s");
        run.figure(n + "admission CPU per custom resource write", cpu.admissionMicrosPerWrite(), "µs");
        run.figure(n + "admission share of the API server's request-handling CPU", 100 * cpu.admissionShare(), "%");
        if (clusters == 500) {
            run.target(io.qdranthybrid.benchmarks.report.Target.below(n + "all Healthy after",
                    ConvergenceBenchmark.MAX_SECONDS_FOR_500));
        }
        String loadAfter = loadAverage();
        run.note("Load average (1, 5, 15 min) before: " + loadBefore + "; after: " + loadAfter + ". The 2 cores were "
                + "shared with other engineers' builds, so every time here is an upper bound.");
        run.note("The loop figures call CustomResourceSchema.admit (prune, default, validate with CEL) on the "
                + "standard three-node QdrantCluster against the shipped CRD, on one thread, timed with that thread's "
                + "CPU clock after an unreported loop of the same size; an update also evaluates the transition rules "
                + "against the stored object.");
        run.note("The convergence figures come from the API server's own accounting (ApiServerCpu): each request's "
                + "handling thread CPU (access control, admission, storage, response rendering; not HTTP framing or "
                + "watch streaming), and within it the CPU of custom resource admission. Same workload as the "
                + "convergence benchmark: " + warmup + " unreported warm-up clusters, then " + clusters + " three-node "
                + "QdrantClusters created at once, our operator with " + workers + " workers.");
        run.finish();
        System.out.println("written " + ReportWriter.inDefaultDirectory().write(run));
    }

    /** CPU per admission of a fresh copy of {@code object}, as on create. */
    private static LoopCost measureLoop(CustomResourceSchema schema, ObjectNode object, int writes) {
        return measure(schema, object, null, writes);
    }

    /** CPU per admission of a copy of {@code stored} against {@code stored} itself, as on an update. */
    private static LoopCost measureLoopWithOld(CustomResourceSchema schema, ObjectNode stored, int writes) {
        return measure(schema, stored, stored, writes);
    }

    private static LoopCost measure(CustomResourceSchema schema, ObjectNode object, ObjectNode old, int writes) {
        List<ObjectNode> copies = new ArrayList<>(writes);
        for (int i = 0; i < writes; i++) {
            copies.add(object.deepCopy());
        }
        long invalid = 0;
        long start = THREADS.getCurrentThreadCpuTime();
        for (ObjectNode copy : copies) {
            invalid += schema.admit("v1", copy, old).valid() ? 0 : 1;
        }
        long cpu = THREADS.getCurrentThreadCpuTime() - start;
        if (invalid > 0) {
            throw new IllegalStateException("the benchmark's QdrantCluster is invalid: " + schema.admit("v1",
                    object.deepCopy(), old).errors());
        }
        return new LoopCost(writes, cpu);
    }

    private record LoopCost(int writes, long cpuNanos) {
        double microsPerWrite() {
            return cpuNanos / 1e3 / writes;
        }
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + ", " + fields[1] + ", " + fields[2];
        } catch (Exception e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
