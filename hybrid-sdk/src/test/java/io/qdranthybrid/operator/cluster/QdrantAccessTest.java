package io.qdranthybrid.operator.cluster;

import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.crd.QdrantConfiguration;
import io.qdranthybrid.crd.QdrantSecretKeyRef;
import io.qdranthybrid.crd.ServiceConfig;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class QdrantAccessTest {

    @Test
    void apiKeySecretIsReadOncePerClusterAndEveryNodeClientCarriesIt() {
        CountingClusterReads reads = new CountingClusterReads();
        QdrantAccess access = new QdrantAccess(reads, QdrantEndpoints.clusterDns(),
                HttpClient.newHttpClient(), Duration.ofSeconds(1));
        QdrantCluster cluster = ClusterFixtures.minimal();
        cluster.getSpec().setConfig(new QdrantConfiguration());
        cluster.getSpec().getConfig().setService(new ServiceConfig());
        cluster.getSpec().getConfig().getService().setApiKey(new QdrantSecretKeyRef());
        cluster.getSpec().getConfig().getService().getApiKey().setSecretKeyRef(new SecretKeySelector("api-key", "demo-key", false));
        cluster.getSpec().getConfig().getService().setEnableTls(true);

        QdrantAccess.Nodes nodes = access.nodes(cluster);
        List<String> clients = List.of(nodes.node(0).toString(), nodes.node(1).toString(), nodes.node(2).toString());

        assertThat(reads.secretReads).hasValue(1);
        assertThat(clients).allSatisfy(client -> assertThat(client).contains("api-key=***").contains("https://")
                .doesNotContain("s3cret"));
        assertThat(clients.get(2)).contains("qdrant-demo-2.qdrant-headless-demo.team-a.svc:6333");
    }
}
