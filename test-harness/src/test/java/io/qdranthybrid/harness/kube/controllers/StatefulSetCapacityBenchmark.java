package io.qdranthybrid.harness.kube.controllers;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.qdranthybrid.harness.kube.SimulatedApiServer;
import io.qdranthybrid.harness.runtime.ContainerLaunch;
import io.qdranthybrid.harness.runtime.ContainerRuntime;
import io.qdranthybrid.harness.runtime.RunningContainer;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * <p>Run: {@code java -cp <test classpath> io.qdranthybrid.harness.kube.controllers.StatefulSetCapacityBenchmark [sets] [replicas]}
 */
public final class StatefulSetCapacityBenchmark {

    private static final String[] CONTROLLER_THREADS = {"statefulset-controller", "scheduler", "kubelet"};

    private StatefulSetCapacityBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        int sets = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int replicas = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int namespaces = 10;
        int cores = Runtime.getRuntime().availableProcessors();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        threads.setThreadCpuTimeEnabled(true);

        try (SimulatedApiServer api = SimulatedApiServer.start(); KubernetesClient client = api.newClient("default")) {
            for (int n = 0; n < namespaces; n++) {
                client.resource(new NamespaceBuilder().withNewMetadata().withName("bench-" + n).endMetadata().build()).create();
            }
            NodePool nodes = NodePool.defaults().withCount(10).withMaxPods(Math.max(110, sets * replicas / 5));
            StatefulSetController statefulSets = new StatefulSetController(client);
            SimulatedScheduler scheduler = new SimulatedScheduler(client);
            SimulatedKubelet kubelet = new SimulatedKubelet(client, new AlwaysReadyRuntime(), nodes,
                    KubeletSettings.defaults(), Clock.systemUTC());
            kubelet.start();
            scheduler.start();
            statefulSets.start();

            Set<String> ready = ConcurrentHashMap.newKeySet();
            CountDownLatch allReady = new CountDownLatch(sets);
            SharedIndexInformer<StatefulSet> watcher = client.apps().statefulSets().inAnyNamespace()
                    .inform(new ReadyCounter(replicas, ready, allReady), 0);

            Map<Long, Long> cpuBefore = cpuByThread(threads);
            long processCpuBefore = processCpuNanos();
            long start = System.nanoTime();
            for (int i = 0; i < sets; i++) {
                client.resource(statefulSet("bench-" + (i % namespaces), "set-" + i, replicas)).create();
            }
            long created = System.nanoTime();
            if (!allReady.await(15, TimeUnit.MINUTES)) {
                throw new IllegalStateException("only " + ready.size() + " of " + sets + " StatefulSets became ready in 15 minutes");
            }
            long end = System.nanoTime();
            Map<String, Long> cpu = cpuByGroup(threads, cpuBefore);
            long processCpu = processCpuNanos() - processCpuBefore;

            long writesBefore = api.journal().writes();
            long statusBefore = statefulSets.statusWrites() + kubelet.statusWrites();
            Thread.sleep(Duration.ofSeconds(3).toMillis()); // a measurement window, not a wait for a condition
            long steadyWrites = api.journal().writes() - writesBefore;
            long steadyStatus = statefulSets.statusWrites() + kubelet.statusWrites() - statusBefore;

            double wall = (end - start) / 1e9;
            int pods = sets * replicas;
            System.out.printf("%nStatefulSet capacity: %d StatefulSets x %d replicas = %d pods, %d nodes, %d cores%n",
                    sets, replicas, pods, nodes.count(), cores);
            System.out.printf("| %-58s | %10s |%n", "metric", "value");
            System.out.printf("|%s|%s|%n", "-".repeat(60), "-".repeat(12));
            row("creating the StatefulSets (s)", (created - start) / 1e9);
            row("time to all ready (s)", wall);
            row("pods ready per second", pods / wall);
            for (Map.Entry<String, Long> group : cpu.entrySet()) {
                row("CPU share: " + group.getKey() + " (% of " + cores + " cores)",
                        100.0 * group.getValue() / 1e9 / (wall * cores));
            }
            row("CPU share: whole JVM (% of " + cores + " cores)", 100.0 * processCpu / 1e9 / (wall * cores));
            row("API writes in 3 s steady state", steadyWrites);
            row("status writes in 3 s steady state", steadyStatus);
            row("StatefulSet status writes (total)", statefulSets.statusWrites());
            row("pod status writes (total)", kubelet.statusWrites());

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

    private static Map<Long, Long> cpuByThread(ThreadMXBean threads) {
        Map<Long, Long> cpu = new ConcurrentHashMap<>();
        for (long id : threads.getAllThreadIds()) {
            long nanos = threads.getThreadCpuTime(id);
            if (nanos >= 0) {
                cpu.put(id, nanos);
            }
        }
        return cpu;
    }

    /** CPU used since {@code before}, by thread group: our controllers, the API server, and the rest. */
    private static Map<String, Long> cpuByGroup(ThreadMXBean threads, Map<Long, Long> before) {
        Map<String, Long> groups = new LinkedHashMap<>();
        groups.put("controller threads", 0L);
        groups.put("API server threads", 0L);
        groups.put("other threads (client, informers)", 0L);
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long nanos = threads.getThreadCpuTime(info.getThreadId());
            if (nanos < 0) {
                continue;
            }
            long used = nanos - before.getOrDefault(info.getThreadId(), 0L);
            String name = info.getThreadName();
            String group = isController(name) ? "controller threads"
                    : name.contains("MockWebServer") || name.contains("mockwebserver") || name.startsWith("vert.x")
                    ? "API server threads" : "other threads (client, informers)";
            groups.merge(group, used, Long::sum);
        }
        return groups;
    }

    private static boolean isController(String threadName) {
        for (String prefix : CONTROLLER_THREADS) {
            if (threadName.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static long processCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
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
