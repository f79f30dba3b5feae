package io.qdranthybrid.qdrant;

import com.sun.net.httpserver.HttpServer;
import io.qdranthybrid.operator.cluster.ClusterNames;
import io.qdranthybrid.operator.cluster.QdrantEndpoints;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class QdrantHttpClientsTest {

    @Test
    void theNodesOfFiveHundredClustersSpreadSoNoClientPoolsMoreThanAFractionOfThem() {
        QdrantHttpClients clients = QdrantHttpClients.create(QdrantHttpClients.DEFAULT_CLIENTS, Duration.ofSeconds(1));
        Map<HttpClient, Integer> nodesPerClient = new IdentityHashMap<>();
        for (int cluster = 0; cluster < 500; cluster++) {
            for (int ordinal = 0; ordinal < 3; ordinal++) {
                URI node = QdrantEndpoints.clusterDns().endpoint("tenant-a", new ClusterNames("c" + cluster), ordinal, false);
                nodesPerClient.merge(clients.forNode(node), 1, Integer::sum);
            }
        }

        // One client held all 1,500 idle connections in the list every reused connection is searched in.
        assertThat(nodesPerClient).hasSize(QdrantHttpClients.DEFAULT_CLIENTS);
        assertThat(nodesPerClient.values()).allMatch(nodes -> nodes <= 1500 / QdrantHttpClients.DEFAULT_CLIENTS * 3 / 2);
    }

    @Test
    void everyCallToOneNodeGoesThroughTheSameClient() {
        QdrantHttpClients clients = QdrantHttpClients.create(4, Duration.ofSeconds(1));

        assertThat(clients.forNode(URI.create("http://qdrant-a-0.qdrant-headless-a.ns.svc:6333/cluster")))
                .isSameAs(clients.forNode(URI.create("http://QDRANT-A-0.qdrant-headless-a.ns.svc:6333/readyz")));
    }

    @Test
    void aNodeReusesItsConnectionFromOneCallToTheNext() throws Exception {
        List<Integer> callerPorts = new CopyOnWriteArrayList<>();
        HttpServer node = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        node.createContext("/livez", exchange -> {
            callerPorts.add(exchange.getRemoteAddress().getPort());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        node.start();
        try {
            URI endpoint = URI.create("http://127.0.0.1:" + node.getAddress().getPort());
            QdrantHttpClients clients = QdrantHttpClients.create(QdrantHttpClients.DEFAULT_CLIENTS, Duration.ofSeconds(5));

            for (int call = 0; call < 3; call++) {
                assertThat(new QdrantClient(endpoint, null, clients.forNode(endpoint), Duration.ofSeconds(5)).live()).isTrue();
            }

            assertThat(callerPorts).hasSize(3).containsOnly(callerPorts.get(0));
        } finally {
            node.stop(0);
        }
    }

    @Test
    void idleConnectionsCloseAfterThirtySecondsUnlessTheJvmWasToldOtherwise() {
        String before = System.getProperty(QdrantHttpClients.KEEP_ALIVE_PROPERTY);
        try {
            System.clearProperty(QdrantHttpClients.KEEP_ALIVE_PROPERTY);
            QdrantHttpClients.closeIdleConnectionsAfterThirtySeconds();
            assertThat(System.getProperty(QdrantHttpClients.KEEP_ALIVE_PROPERTY)).isEqualTo("30");

            System.setProperty(QdrantHttpClients.KEEP_ALIVE_PROPERTY, "600"); // -D on the command line wins
            QdrantHttpClients.closeIdleConnectionsAfterThirtySeconds();
            assertThat(System.getProperty(QdrantHttpClients.KEEP_ALIVE_PROPERTY)).isEqualTo("600");
        } finally {
            if (before == null) {
                System.clearProperty(QdrantHttpClients.KEEP_ALIVE_PROPERTY);
            } else {
                System.setProperty(QdrantHttpClients.KEEP_ALIVE_PROPERTY, before);
            }
        }
    }
}
