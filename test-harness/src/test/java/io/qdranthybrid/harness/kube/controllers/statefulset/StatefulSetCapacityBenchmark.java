package io.qdranthybrid.harness.kube.controllers.statefulset;

import io.qdranthybrid.harness.kube.controllers.kubelet.KubeletSettings;
import io.qdranthybrid.harness.kube.controllers.kubelet.NodePool;
import io.qdranthybrid.harness.kube.controllers.kubelet.SimulatedKubelet;
import io.qdranthybrid.harness.kube.controllers.scheduler.SimulatedScheduler;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.qdranthybrid.harness.bench.CpuTable;
import io.qdranthybrid.harness.bench.RunHeader;
import io.qdranthybrid.harness.bench.SimulatorThreads;
import io.qdranthybrid.harness.bench.ThreadCpuMeter;
import io.qdranthybrid.harness.kube.SimulatedApiServer;
import io.qdranthybrid.harness.runtime.ContainerLaunch;
import io.qdranthybrid.harness.runtime.ContainerRuntime;
import io.qdranthybrid.harness.runtime.RunningContainer;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * How fast the simulated control plane brings up many StatefulSets: creates {@code SETS} StatefulSets of
 * {@code REPLICAS} pods (OrderedReady, no probes, a runtime whose containers are up at once), waits
 * until every set reports all replicas ready, and prints time to all-ready, pods per second, and the
 * CPU share of the controller threads, the client's threads and the API server. Then it watches a
 * steady period and prints the writes made in it (expected: none).
 *
 * <p>Run from the repository root (the first command compiles and writes the test classpath):
 * <pre>mvn -B -o -q -pl test-harness -am test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/benchmark.classpath
 * java -Xmx2g -cp test-harness/target/test-classes:test-harness/target/classes:$(cat test-harness/target/benchmark.classpath) \
 *   io.qdranthybrid.harness.kube.controllers.statefulset.StatefulSetCapacityBenchmark 500 3</pre>
 */
public final class StatefulSetCapacityBenchmark {

    private StatefulSetCapacityBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        int sets = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int replicas = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int namespaces = 10;
        int cores = Runtime.getRuntime().availableProcessors();
        ThreadCpuMeter cpu = new ThreadCpuMeter(SimulatorThreads.COMPONENTS);

        try (SimulatedApiServer api = SimulatedApiServer.start();
             KubernetesClient client = api.newClient(api.clientConfig("default"), SimulatorThreads.BENCHMARK_CLIENT);
             KubernetesClient controllersClient = api.newClient(api.clientConfig("default"), "sim-controllers-client")) {
            for (int n = 0; n < namespaces; n++) {
                client.resource(new NamespaceBuilder().withNewMetadata().withName("bench-" + n).endMetadata().build()).create();
            }
            NodePool nodes = NodePool.defaults().withCount(10).withMaxPods(Math.max(110, sets * replicas / 5));
            StatefulSetController statefulSets = new StatefulSetController(controllersClient);
            SimulatedScheduler scheduler = new SimulatedScheduler(controllersClient);
            SimulatedKubelet kubelet = new SimulatedKubelet(controllersClient, new AlwaysReadyRuntime(), nodes,
                    KubeletSettings.defaults(), Clock.systemUTC());
            kubelet.start();
            scheduler.start();
            statefulSets.start();

            Set<String> ready = ConcurrentHashMap.newKeySet();
            CountDownLatch allReady = new CountDownLatch(sets);
            SharedIndexInformer<StatefulSet> watcher = client.apps().statefulSets().inAnyNamespace()
                    .inform(new ReadyCounter(replicas, ready, allReady), 0);

            cpu.start();
            long start = System.nanoTime();
            for (int i = 0; i < sets; i++) {
                client.resource(statefulSet("bench-" + (i % namespaces), "set-" + i, replicas)).create();
            }
            long created = System.nanoTime();
            if (!allReady.await(15, TimeUnit.MINUTES)) {
                throw new IllegalStateException("only " + ready.size() + " of " + sets + " StatefulSets became ready in 15 minutes");
            }
            long end = System.nanoTime();
            ThreadCpuMeter.Usage bringUp = cpu.usage();

            long writesBefore = api.journal().writes();
            long statusBefore = statefulSets.statusWrites() + kubelet.statusWrites();
            cpu.start();
            Thread.sleep(Duration.ofSeconds(3).toMillis()); // a measurement window, not a wait for a condition
            ThreadCpuMeter.Usage steady = cpu.usage();
            long steadyWrites = api.journal().writes() - writesBefore;
            long steadyStatus = statefulSets.statusWrites() + kubelet.statusWrites() - statusBefore;

            double wall = (end - start) / 1e9;
            int pods = sets * replicas;
            RunHeader.print("StatefulSetCapacityBenchmark", args);
            System.out.printf("StatefulSet capacity: %d StatefulSets x %d replicas = %d pods, %d nodes, %d cores%n%n",
                    sets, replicas, pods, nodes.count(), cores);
            System.out.printf("| %-58s | %10s |%n", "metric", "value");
            System.out.printf("|%s|%s|%n", "-".repeat(60), "-".repeat(12));
            row("creating the StatefulSets (s)", (created - start) / 1e9);
            row("time to all ready (s)", wall);
            row("pods ready per second", pods / wall);
            row("API writes in 3 s steady state", steadyWrites);
            row("status writes in 3 s steady state", steadyStatus);
            row("StatefulSet status writes (total)", statefulSets.statusWrites());
            row("pod status writes (total)", kubelet.statusWrites());
            System.out.println();
            CpuTable.print(bringUp, steady);

            watcher.stop();
            statefulSets.stop();
            scheduler.stop();
            kubelet.stop();
        }
        System.exit(0);
    }

    private static void row(String metric, double value) {
        System.out.printf("| %-58s | %10.2f |%n", metric, value);
    }

    private static void row(String metric, long value) {
        System.out.printf("| %-58s | %10d |%n", metric, value);
    }

    private static StatefulSet statefulSet(String namespace, String name, int replicas) {
        return new StatefulSetBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewSpec().withReplicas(replicas).withServiceName(name)
                .withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addToContainers(new ContainerBuilder().withName("main").withImage("example/app:1").build())
                .endSpec().endTemplate().endSpec().build();
    }

    private record ReadyCounter(int replicas, Set<String> ready, CountDownLatch allReady)
            implements ResourceEventHandler<StatefulSet> {
        @Override
        public void onAdd(StatefulSet set) {
            check(set);
        }

        @Override
        public void onUpdate(StatefulSet oldSet, StatefulSet newSet) {
            check(newSet);
        }

        @Override
        public void onDelete(StatefulSet set, boolean deletedFinalStateUnknown) {
        }

        private void check(StatefulSet set) {
            if (set.getStatus() != null && set.getStatus().getReadyReplicas() != null
                    && set.getStatus().getReadyReplicas() == replicas
                    && ready.add(set.getMetadata().getNamespace() + "/" + set.getMetadata().getName())) {
                allReady.countDown();
            }
        }
    }

    /** Containers that are up at once and never exit on their own. */
    private static final class AlwaysReadyRuntime implements ContainerRuntime {
        @Override
        public RunningContainer start(ContainerLaunch launch) {
            CompletableFuture<Integer> exited = new CompletableFuture<>();
            return new RunningContainer() {
                @Override
                public boolean probe(Probe probe) {
                    return true;
                }

                @Override
                public CompletionStage<Integer> exited() {
                    return exited;
                }

                @Override
                public void stop() {
                    exited.complete(143);
                }

                @Override
                public Optional<URI> endpoint(int containerPort) {
                    return Optional.empty();
                }
            };
        }
    }
}
