package io.qdranthybrid.harness.junit;

import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.harness.controlplane.NewCluster;
import io.qdranthybrid.harness.stack.HybridEnvironment;
import io.qdranthybrid.harness.stack.NamespaceTeardown;
import io.qdranthybrid.harness.timeline.Timeline;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * What the extension starts for a test class is gone when the class ends: no thread of ours keeps running and no
 * port keeps listening, so classes do not slow each other down or collide.
 */
class CloudShutdownTest {

    /**
     * Idle threads of the HTTP libraries, shared by the whole JVM: they end by themselves after a minute idle (OkHttp,
     * fabric8's scheduler) or when their client is collected (the JDK's HttpClient), whoever started them.
     */
    private static final List<String> LIBRARY_IDLE_THREADS = List.of("OkHttp TaskRunner", "Okio Watchdog",
            "CachedSingleThreadScheduler-", "HttpClient-");

    @HybridCloudTest
    static final class Defaults {
    }

    @Test
    void nothingOfOursKeepsRunningOrListeningAfterTheCloudCloses() {
        Set<String> before = threadNames();
        HybridCloud cloud = HybridCloud.start(Defaults.class.getAnnotation(HybridCloudTest.class));
        String namespace = cloud.cluster().cluster().createNamespace("shutdown");
        HybridEnvironment env = HybridEnvironment.create(cloud.controlPlane(), cloud.cluster(), namespace, namespace,
                cloud.cluster().defaultSettings(), new Timeline("shutdown"));
        env.onboard();
        env.awaitReady(Duration.ofSeconds(60));
        env.createCluster(NewCluster.of("bye", 1, "v1.12.3"));
        env.awaitCluster("bye", ClusterPhase.HEALTHY, Duration.ofSeconds(60));
        List<Integer> ports = List.of(cloud.controlPlane().port(),
                env.stack().link().route(cloud.controlPlane().agentUrl()).getPort(),
                URI.create(cloud.cluster().simulated().orElseThrow().api().url()).getPort(),
                cloud.cluster().simulated().orElseThrow().qdrantEndpoint(namespace, "qdrant-bye-0")
                        .orElseThrow().getPort());

        env.close();
        NamespaceTeardown.deleteEverything(cloud.cluster().cluster(), namespace, Duration.ofSeconds(30));
        cloud.close();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Set<String> left = threadNames();
            left.removeAll(before);
            left.removeIf(name -> LIBRARY_IDLE_THREADS.stream().anyMatch(name::startsWith));
            left.remove("awaitility-thread"); // the one evaluating this very condition
            assertThat(left).isEmpty();
        });
        for (int port : ports) {
            assertThatThrownBy(() -> connect(port)).as("port %d", port).isInstanceOf(ConnectException.class);
        }
    }

    private static void connect(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getInputStream();
        }
    }

    /** Live threads by name, numbers masked: pools renumber their threads. */
    private static Set<String> threadNames() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .map(t -> t.getName().replaceAll("\\d+", "N")).collect(Collectors.toCollection(TreeSet::new));
    }
}
