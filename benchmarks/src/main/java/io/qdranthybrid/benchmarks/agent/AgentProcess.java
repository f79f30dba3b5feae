package io.qdranthybrid.benchmarks.agent;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.qdranthybrid.agent.CloudAgent;
import io.qdranthybrid.benchmarks.BenchmarkArgs;
import io.qdranthybrid.benchmarks.Memory;
import io.qdranthybrid.protocol.client.AgentConnectionSettings;
import io.qdranthybrid.protocol.client.ConnectionState;
import io.qdranthybrid.protocol.message.AccessKey;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A cloud agent alone in its own JVM, as it runs in a cluster, so the agent benchmark can read its resident memory.
 * Prints {@value #READY} once its informers synced and it is connected; on each {@value #MEASURE} line from standard
 * input prints {@code heap <bytes after GC> rss <resident bytes> committed <heap bytes held> nonheap <bytes held>
 * threads <live threads>}; exits when standard input closes.
 */
public final class AgentProcess {

    public static final String NAME = "agent-process";
    static final String READY = "agent ready";
    static final String MEASURE = "measure";

    private AgentProcess() {
    }

    public static void main(String[] args) throws Exception {
        BenchmarkArgs options = BenchmarkArgs.parse(args);
        String namespace = options.text("namespace", "");
        KubernetesClient client = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                .withMasterUrl(options.text("api", "")).withNamespace(namespace).withOauthToken("simulated")
                .withUserAgent("qdrant-cloud-agent").build()).build();
        CloudAgent agent = CloudAgent.builder(client, namespace, AgentConnectionSettings.builder(
                URI.create(options.text("url", "")), options.text("environment", ""),
                AccessKey.parse(options.text("key", "")), "benchmark").allowInsecure(true).build()).build();
        agent.start();
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!agent.isReady() || agent.connectionState() != ConnectionState.CONNECTED) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the agent was not ready and connected within 120 s");
            }
            Thread.sleep(20); // polling the agent's own readiness
        }
        System.out.println(READY);
        System.out.flush();
        try (BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = stdin.readLine()) != null) {
                if (line.equals(MEASURE)) {
                    long heap = Memory.usedHeapAfterGc();
                    System.out.println("heap " + heap + " rss " + Memory.residentBytes() + " committed "
                            + Memory.committedHeap() + " nonheap " + Memory.committedNonHeap() + " threads "
                            + Thread.activeCount());
                    System.out.flush();
                }
            }
        }
        agent.close();
        client.close();
    }
}
