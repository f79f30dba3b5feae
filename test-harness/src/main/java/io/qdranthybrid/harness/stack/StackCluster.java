package io.qdranthybrid.harness.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdranthybrid.harness.deploy.DeployManifests;
import io.qdranthybrid.harness.cluster.ClusterUnderTest;
import io.qdranthybrid.harness.cluster.K3sCluster;
import io.qdranthybrid.harness.cluster.QdrantCrds;
import io.qdranthybrid.harness.cluster.SimulatedCluster;
import io.qdranthybrid.harness.cluster.SimulatedQdrantEndpoints;
import io.qdranthybrid.harness.kube.controllers.helm.SimulatedHelmController;
import io.qdranthybrid.operator.cluster.QdrantEndpoints;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The Kubernetes cluster that hybrid stacks run in, prepared the way an environment expects it cluster-wide: the
 * qdrant.io CRDs installed and a Flux-like helm-controller that "installs" the component releases the control plane
 * asks for (simulated on k3s too: no chart is rendered there either, the operator runs in this JVM). One is shared
 * by many stacks, each in its own namespace.
 */
public final class StackCluster implements AutoCloseable {

    private static final Duration CRD_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClusterUnderTest cluster;
    private final KubernetesClient helmClient;
    private final SimulatedHelmController helm;

    private StackCluster(ClusterUnderTest cluster, boolean helmCrds) {
        this.cluster = cluster;
        KubernetesClient client = null;
        try {
            // `kubectl apply -k deploy/kustomize/crds`, as rendered into deploy/rendered.
            QdrantCrds.install(cluster.client(), crds(DeployManifests.CRDS), CRD_TIMEOUT);
            if (!helmCrds) {
                // No Helm CRDs, no helm-controller (it could not list its kinds): the agent reports them missing.
                this.helmClient = null;
                this.helm = null;
                return;
            }
            // The agent writes its component releases as cd.qdrant.io HelmReleases: install deploy/'s Helm CRDs.
            QdrantCrds.install(cluster.client(), crds(DeployManifests.HELM_CRDS), CRD_TIMEOUT);
            SimulatedHelmController.installIdentity(cluster.client());
            client = cluster.newClientAs(SimulatedHelmController.NAMESPACE, SimulatedHelmController.SERVICE_ACCOUNT,
                    "helm-controller");
            SimulatedHelmController controller = new SimulatedHelmController(client);
            controller.start();
            this.helmClient = client;
            this.helm = controller;
        } catch (RuntimeException e) {
            if (client != null) {
                client.close();
            }
            cluster.close();
            throw e;
        }
    }

    /**
     * Starts a simulated cluster with these settings and prepares it; closing this closes the cluster. With
     * {@link SimulatedCluster.Settings#withoutHelmCrds()} it has neither the Helm CRDs nor a helm-controller.
     */
    public static StackCluster simulated(SimulatedCluster.Settings settings) {
        return new StackCluster(SimulatedCluster.start(settings), settings.helmCrds());
    }

    /** Starts k3s in a container (Docker needed) and prepares it; closing this stops the container. */
    public static StackCluster k3s() {
        return new StackCluster(K3sCluster.start(), true);
    }

    private static List<CustomResourceDefinition> crds(DeployManifests rendered) {
        return rendered.objects().stream().map(crd -> JSON.convertValue(crd, CustomResourceDefinition.class)).toList();
    }

    public ClusterUnderTest cluster() {
        return cluster;
    }

    /** The simulated cluster with its fault handles, or empty on k3s. */
    public Optional<SimulatedCluster> simulated() {
        return cluster instanceof SimulatedCluster simulated ? Optional.of(simulated) : Optional.empty();
    }

    /** The simulated helm-controller: fail or roll back a component release. */
    public SimulatedHelmController helm() {
        if (helm == null) {
            throw new IllegalStateException("this cluster was started without the Helm CRDs, so without a "
                    + "helm-controller");
        }
        return helm;
    }

    /** The settings a stack in this cluster runs with unless told otherwise. */
    public StackSettings defaultSettings() {
        return simulated().isPresent() ? StackSettings.fastOnSimulatedCluster() : StackSettings.fast();
    }

    /** How an operator in this JVM reaches the cluster's Qdrant pods; its owner closes it. */
    OperatorEndpoints operatorEndpoints(KubernetesClient client) {
        if (cluster instanceof SimulatedCluster simulated) {
            return new OperatorEndpoints(SimulatedQdrantEndpoints.of(simulated), () -> { });
        }
        PortForwardedQdrantEndpoints forwarded = new PortForwardedQdrantEndpoints(client);
        return new OperatorEndpoints(forwarded, forwarded::close);
    }

    /**
     * Where an agent in this JVM scrapes the Qdrant pods: the simulated nodes' loopback ports (the operator's mapping),
     * or cluster DNS on k3s, which a host JVM cannot resolve, so there the agent reports the nodes as unread.
     */
    io.qdranthybrid.agent.metrics.QdrantNodeAddresses agentNodeAddresses() {
        if (cluster instanceof SimulatedCluster simulated) {
            QdrantEndpoints endpoints = SimulatedQdrantEndpoints.of(simulated);
            return (namespace, clusterId, ordinal, tls) -> endpoints.endpoint(namespace,
                    new io.qdranthybrid.operator.cluster.ClusterNames(clusterId), ordinal, tls);
        }
        return io.qdranthybrid.agent.metrics.QdrantNodeAddresses.clusterDns();
    }

    /** Endpoints with whatever they hold open (port-forwards on k3s). */
    record OperatorEndpoints(QdrantEndpoints endpoints, Runnable release) {
    }

    public String description() {
        return cluster.description();
    }

    @Override
    public void close() {
        if (helm != null) {
            helm.close();
            helmClient.close();
        }
        cluster.close();
    }
}
