package io.qdranthybrid.operator.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.crd.QdrantConfiguration;
import io.qdranthybrid.crd.QdrantSecretKeyRef;
import io.qdranthybrid.crd.QdrantVersion;
import io.qdranthybrid.crd.ServiceConfig;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class QdrantAccessTest {

    @Test
    void apiKeySecretIsReadOncePerClusterAndEveryNodeClientCarriesIt() {
        AtomicInteger secretReads = new AtomicInteger();
        QdrantAccess access = new QdrantAccess(new SecretOnlyReads(secretReads), QdrantEndpoints.clusterDns(),
                HttpClient.newHttpClient(), Duration.ofSeconds(1));
        QdrantCluster cluster = ClusterFixtures.minimal();
        cluster.getSpec().setConfig(new QdrantConfiguration());
        cluster.getSpec().getConfig().setService(new ServiceConfig());
        cluster.getSpec().getConfig().getService().setApiKey(new QdrantSecretKeyRef());
        cluster.getSpec().getConfig().getService().getApiKey().setSecretKeyRef(new SecretKeySelector("api-key", "demo-key", false));
        cluster.getSpec().getConfig().getService().setEnableTls(true);

        QdrantAccess.Nodes nodes = access.nodes(cluster);
        List<String> clients = List.of(nodes.node(0).toString(), nodes.node(1).toString(), nodes.node(2).toString());

        assertThat(secretReads).hasValue(1);
        assertThat(clients).allSatisfy(client -> assertThat(client).contains("api-key=***").contains("https://")
                .doesNotContain("s3cret"));
        assertThat(clients.get(2)).contains("qdrant-demo-2.qdrant-headless-demo.team-a.svc:6333");
    }

    /** Reads that only know one Secret and count how often it is read. */
    private static final class SecretOnlyReads implements ClusterReads {
        private final AtomicInteger secretReads;

        SecretOnlyReads(AtomicInteger secretReads) {
            this.secretReads = secretReads;
        }

        @Override
        public Optional<String> secretValue(String namespace, String name, String key) {
            secretReads.incrementAndGet();
            return "demo-key".equals(name) && "api-key".equals(key) ? Optional.of("s3cret") : Optional.empty();
        }

        @Override
        public <T extends HasMetadata> Optional<T> current(Class<T> type, String namespace, String name) {
            return Optional.empty();
        }

        @Override
        public Optional<StatefulSet> statefulSet(String namespace, String name) {
            return Optional.empty();
        }

        @Override
        public List<Pod> pods(String namespace, Map<String, String> selector) {
            return List.of();
        }

        @Override
        public List<PersistentVolumeClaim> claims(String namespace, Map<String, String> selector) {
            return List.of();
        }

        @Override
        public List<Service> services(String namespace, Map<String, String> selector) {
            return List.of();
        }

        @Override
        public Optional<Boolean> storageClassExpandable(String storageClassName) {
            return Optional.empty();
        }

        @Override
        public List<QdrantVersion> knownReleases(String namespace) {
            return List.of();
        }
    }
}
