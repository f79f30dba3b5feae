package io.qdranthybrid.harness.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

import java.time.Duration;

/**
 * A real single-node k3s in a container. Its own controllers, kubelet and storage run the workloads, so a
 * scenario that passes here and on the simulated cluster proves the simulation did not flatter it.
 */
public final class K3sCluster implements ClusterUnderTest {

    /** The k3s release the scenarios are written against. */
    public static final DockerImageName DEFAULT_IMAGE = DockerImageName.parse("rancher/k3s:v1.31.4-k3s1");

    private static final Logger LOG = LoggerFactory.getLogger(K3sCluster.class);

    private final K3sContainer container;
    private final KubernetesClient client;
    private final String kubeconfig;

    private K3sCluster(K3sContainer container) {
        this.container = container;
        this.kubeconfig = container.getKubeConfigYaml();
        this.client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig)).build();
    }

    /** True when a Docker engine answers; without one, k3s scenarios skip and the simulated ones still run. */
    public static boolean dockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    /** Starts k3s and waits until its API server answers. */
    public static K3sCluster start() {
        return start(DEFAULT_IMAGE);
    }

    /** Starts the given k3s image and waits until its API server answers. */
    public static K3sCluster start(DockerImageName image) {
        K3sContainer container = new K3sContainer(image);
        container.start();
        LOG.info("k3s {} started", image.getVersionPart());
        return new K3sCluster(container);
    }

    @Override
    public KubernetesClient client() {
        return client;
    }

    @Override
    public String kubeconfig() {
        return kubeconfig;
    }

    @Override
    public void installQdrantCrds() {
        QdrantCrds.install(client, Duration.ofSeconds(60));
    }

    @Override
    public String description() {
        return "k3s " + container.getDockerImageName();
    }

    @Override
    public void close() {
        client.close();
        container.stop();
    }
}
