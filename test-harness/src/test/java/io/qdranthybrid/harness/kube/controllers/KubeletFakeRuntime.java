package io.qdranthybrid.harness.kube.controllers;

import io.fabric8.kubernetes.api.model.Probe;
import io.qdranthybrid.harness.runtime.ContainerLaunch;
import io.qdranthybrid.harness.runtime.ContainerRuntime;
import io.qdranthybrid.harness.runtime.RunningContainer;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A container runtime for the controllers' tests: containers do nothing, and the test decides which
 * probes fail (by pod name and probe path, or for every pod of an image) and when a container crashes.
 */
public final class KubeletFakeRuntime implements ContainerRuntime {

    public static final String READINESS_PATH = "/readyz";
    public static final String LIVENESS_PATH = "/livez";

    public final List<ContainerLaunch> launches = new CopyOnWriteArrayList<>();
    private final Map<String, FakeContainer> latest = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> failingPaths = new ConcurrentHashMap<>();
    private final Set<String> neverReadyImages = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> probes = new ConcurrentHashMap<>();

    @Override
    public RunningContainer start(ContainerLaunch launch) {
        FakeContainer container = new FakeContainer(launch);
        launches.add(launch);
        latest.put(launch.podName(), container);
        return container;
    }

    /** Probes with this path fail for this pod from now on. */
    public void failProbe(String podName, String path) {
        failingPaths.computeIfAbsent(podName, p -> ConcurrentHashMap.newKeySet()).add(path);
    }

    public void passProbe(String podName, String path) {
        failingPaths.getOrDefault(podName, Set.of()).remove(path);
    }

    /** Readiness probes of containers of this image never succeed. */
    public void neverReady(String image) {
        neverReadyImages.add(image);
    }

    /** The last container started for the pod. */
    public FakeContainer container(String podName) {
        FakeContainer container = latest.get(podName);
        if (container == null) {
            throw new AssertionError("no container was started for pod " + podName);
        }
        return container;
    }

    /** How many probes the kubelet has run in the pod's containers so far: time passing, as the pod sees it. */
    public int probesOf(String podName) {
        AtomicInteger count = probes.get(podName);
        return count == null ? 0 : count.get();
    }

    public List<ContainerLaunch> launchesOf(String podName) {
        return launches.stream().filter(l -> l.podName().equals(podName)).toList();
    }

    public final class FakeContainer implements RunningContainer {
        public final ContainerLaunch launch;
        private final CompletableFuture<Integer> exited = new CompletableFuture<>();
        public volatile boolean stopped;

        FakeContainer(ContainerLaunch launch) {
            this.launch = launch;
        }

        @Override
        public boolean probe(Probe probe) {
            probes.computeIfAbsent(launch.podName(), p -> new AtomicInteger()).incrementAndGet();
            if (exited.isDone()) {
                return false;
            }
            String path = probe.getHttpGet() == null ? "" : probe.getHttpGet().getPath();
            if (READINESS_PATH.equals(path) && neverReadyImages.contains(launch.image())) {
                return false;
            }
            return !failingPaths.getOrDefault(launch.podName(), Set.of()).contains(path);
        }

        @Override
        public CompletionStage<Integer> exited() {
            return exited;
        }

        @Override
        public void stop() {
            stopped = true;
            exited.complete(143);
        }

        /** The process dies on its own. */
        public void crash(int exitCode) {
            exited.complete(exitCode);
        }

        @Override
        public Optional<URI> endpoint(int containerPort) {
            return Optional.empty();
        }
    }
}
