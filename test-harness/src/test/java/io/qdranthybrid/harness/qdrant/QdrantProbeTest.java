package io.qdranthybrid.harness.qdrant;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.qdranthybrid.harness.runtime.RunningContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static io.qdranthybrid.harness.qdrant.QdrantPods.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;

class QdrantProbeTest {

    @RegisterExtension
    final QdrantPods pods = new QdrantPods();
    private final SimulatedQdrant qdrant = pods.qdrant();

    private static Probe httpGet(String path, IntOrString port) {
        return new ProbeBuilder().withNewHttpGet().withPath(path).withPort(port).endHttpGet().withTimeoutSeconds(1).build();
    }

    @Test
    void httpGetReadinessProbeFollowsReadyzOverRealHttp() {
        RunningContainer leader = pods.startCluster("alpha", 1).get(0);
        Probe readiness = httpGet("/readyz", new IntOrString(6333));
        assertThat(leader.probe(readiness)).isTrue();

        // Real Qdrant's readiness latches: a partition does not make it unready (src/common/health.rs).
        qdrant.partition(NAMESPACE, "alpha-0");
        assertThat(leader.probe(readiness)).isTrue();
        assertThat(leader.probe(httpGet("/livez", new IntOrString("http")))).isTrue();
        assertThat(leader.probe(httpGet("/readyz", new IntOrString(8080)))).isFalse();

        leader.stop();
        assertThat(leader.probe(httpGet("/livez", new IntOrString(6333)))).isFalse();
    }

    @Test
    void probeHeadersAreSentSoKeyedEndpointsCanBeProbed() {
        RunningContainer node = qdrant.start(QdrantPods.launch("alpha", 0, "pv-a", Map.of("QDRANT__SERVICE__API_KEY", "k"), Map.of()));
        pods.awaitReady("alpha", 0);
        Probe keyed = new ProbeBuilder().withNewHttpGet().withPath("/collections").withPort(new IntOrString(6333))
                .addNewHttpHeader().withName("api-key").withValue("k").endHttpHeader().endHttpGet().build();
        assertThat(node.probe(keyed)).isTrue();
        assertThat(node.probe(httpGet("/collections", new IntOrString(6333)))).isFalse();
    }

    @Test
    void tcpSocketAndExecProbesSucceedWhileTheProcessRuns() {
        RunningContainer node = pods.startCluster("alpha", 1).get(0);
        Probe tcpRest = new ProbeBuilder().withNewTcpSocket().withPort(new IntOrString(6333)).endTcpSocket().build();
        Probe tcpGrpc = new ProbeBuilder().withNewTcpSocket().withPort(new IntOrString(6334)).endTcpSocket().build();
        Probe exec = new ProbeBuilder().withNewExec().withCommand("true").endExec().build();
        assertThat(node.probe(tcpRest)).isTrue();
        assertThat(node.probe(tcpGrpc)).isTrue();
        assertThat(node.probe(exec)).isTrue();

        node.stop();
        assertThat(node.probe(tcpRest)).isFalse();
        assertThat(node.probe(exec)).isFalse();
    }

    @Test
    void endpointResolvesTheRunningContainerOfAPod() {
        RunningContainer node = pods.startCluster("alpha", 1).get(0);
        assertThat(qdrant.endpoint(NAMESPACE, "alpha-0")).isEqualTo(node.endpoint(6333));
        assertThat(qdrant.endpoint(NAMESPACE, "alpha-0")).hasValueSatisfying(uri -> assertThat(uri.getHost()).isEqualTo("127.0.0.1"));
        assertThat(node.endpoint(6335)).isEmpty();
        assertThat(qdrant.endpoint(NAMESPACE, "nobody-0")).isEmpty();

        node.stop();
        assertThat(qdrant.endpoint(NAMESPACE, "alpha-0")).isEmpty();
    }
}
