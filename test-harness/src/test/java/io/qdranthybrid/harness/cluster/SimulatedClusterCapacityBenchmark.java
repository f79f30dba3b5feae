package io.qdranthybrid.harness.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.crd.QdrantClusterSpec;
import io.qdranthybrid.operator.cluster.ClusterContext;
import io.qdranthybrid.operator.cluster.DesiredConfigMap;
import io.qdranthybrid.operator.cluster.DesiredServices;
import io.qdranthybrid.operator.cluster.DesiredStatefulSet;
import io.qdranthybrid.operator.cluster.OperatorDefaults;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * How many Qdrant clusters the whole simulated k3s sustains: N three-node StatefulSets shaped exactly as the
 * operator renders them (ConfigMap, headless Service, two volumes per node), brought up by the simulated
 * StatefulSet controller, scheduler, storage and kubelet, each pod running a simulated Qdrant node that must
 * join its cluster's consensus. Prints time to all-ready and the CPU the simulator itself used.
 *
 * <pre>mvn -pl test-harness -am test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.qdranthybrid.harness.cluster.SimulatedClusterCapacityBenchmark -Dexec.args="500 1.0"</pre>
 */
public final class SimulatedClusterCapacityBenchmark {

    private SimulatedClusterCapacityBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int clusters = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        // 1.0 runs probes on the pod spec's own periods (readiness every 5 s); smaller values speed them up.
        double probeTimeScale = args.length > 1 ? Double.parseDouble(args[1]) : 1.0;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        com.sun.management.OperatingSystemMXBean process = (com.sun.management.OperatingSystemMXBean) os;

        // A node takes 110 pods, as a real kubelet does by default: give the pods room.
        int nodes = Math.max(3, (clusters * 3 + 99) / 100);
        SimulatedCluster.Settings settings = SimulatedCluster.Settings.defaults()
                .withNodes(io.qdranthybrid.harness.kube.controllers.NodePool.defaults().withCount(nodes))
                .withKubelet(io.qdranthybrid.harness.kube.controllers.KubeletSettings.defaults()
                        .withProbeTimeScale(probeTimeScale));
        try (SimulatedCluster cluster = SimulatedCluster.start(settings)) {
            KubernetesClient client = cluster.client();
            String namespace = cluster.createNamespace("bench");
            long cpuStart = process.getProcessCpuTime();
            long start = System.nanoTime();

            ExecutorService creators = Executors.newFixedThreadPool(8);
            for (int i = 0; i < clusters; i++) {
                String id = "b" + i;
                creators.submit(() -> objectsOf(namespace, id).forEach(o -> client.resource(o).create()));
            }
            creators.shutdown();
            creators.awaitTermination(10, TimeUnit.MINUTES);
            double created = seconds(start);

            int expectedPods = clusters * 3;
            int ready = 0;
            while (ready < expectedPods && seconds(start) < 600) {
                List<Pod> pods = client.pods().inNamespace(namespace).list().getItems();
                ready = (int) pods.stream().filter(SimulatedClusterCapacityBenchmark::isReady).count();
                if (System.getProperty("progress") != null) {
                    long scheduled = pods.stream().filter(p -> p.getSpec().getNodeName() != null).count();
                    long running = pods.stream().filter(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase())).count();
                    long bound = client.persistentVolumeClaims().inNamespace(namespace).list().getItems().stream()
                            .filter(c -> c.getStatus() != null && "Bound".equals(c.getStatus().getPhase())).count();
                    System.out.printf(Locale.ROOT, "%5.1fs pods=%d scheduled=%d claimsBound=%d running=%d ready=%d%n",
                            seconds(start), pods.size(), scheduled, bound, running, ready);
                }
                Thread.sleep(2000);
            }
            double allReady = seconds(start);
            long inConsensus = cluster.qdrant().clusters().stream().filter(c -> c.peerIds().size() == 3).count();
            double cpuSeconds = (process.getProcessCpuTime() - cpuStart) / 1e9;
            int cores = os.getAvailableProcessors();

            System.out.println();
            System.out.println("| metric | value |");
            System.out.println("|---|---|");
            row("three-node clusters", clusters);
            row("probe time scale", probeTimeScale);
            row("simulated nodes", nodes);
            row("objects created (s)", created);
            row("all " + expectedPods + " pods Ready (s)", allReady);
            row("pods ready per second", expectedPods / allReady);
            row("clusters with 3 peers in consensus", inConsensus);
            row("whole JVM CPU, % of " + cores + " cores", 100 * cpuSeconds / (allReady * cores));
            row("API requests", cluster.api().journal().snapshot().byVerb().values().stream().mapToLong(Long::longValue).sum());
            row("live threads", threads.getThreadCount());
            row("heap used (MiB)", (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / 1048576);
            if (ready < expectedPods || inConsensus < clusters) {
                System.out.println("NOT ALL CLUSTERS CAME UP: " + ready + "/" + expectedPods + " pods ready, "
                        + inConsensus + "/" + clusters + " clusters in consensus");
                System.exit(1);
            }
        }
    }

    private static List<HasMetadata> objectsOf(String namespace, String id) {
        QdrantCluster qc = new QdrantCluster();
        qc.setMetadata(new ObjectMetaBuilder().withName("qdrant-" + id).withNamespace(namespace)
                .withUid(UUID.randomUUID().toString()).build());
        QdrantClusterSpec spec = new QdrantClusterSpec();
        spec.setId(id);
        spec.setVersion("v1.12.3");
        spec.setSize(3);
        qc.setSpec(spec);
        ClusterContext ctx = ClusterContext.steady(qc, OperatorDefaults.hybrid());
        // Without an owner object in the API server the garbage collector would delete these at once.
        return List.<HasMetadata>of(DesiredConfigMap.build(ctx), DesiredServices.headless(ctx), DesiredStatefulSet.build(ctx))
                .stream().peek(o -> o.getMetadata().setOwnerReferences(null)).toList();
    }

    private static boolean isReady(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions()
                .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void row(String name, Object value) {
        String text = value instanceof Double d ? String.format(Locale.ROOT, "%.1f", d) : String.valueOf(value);
        System.out.println("| " + name + " | " + text + " |");
    }
}
