package io.qdranthybrid.harness.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * A Kubernetes cluster that tests run against: the simulated one (always available, what CI uses) or a
 * real k3s in a container (where Docker exists). Scenarios are written against this interface so the same
 * test proves behaviour on both.
 */
public interface ClusterUnderTest extends AutoCloseable {

    /** An admin client for the test itself; closed with the cluster. */
    KubernetesClient client();

    /** A kubeconfig for processes under test (operator, agent) that build their own client. */
    String kubeconfig();

    /**
     * A fresh client for a component under test (an operator, an agent) that defaults to {@code namespace} and
     * identifies itself as {@code userAgent}; its owner closes it.
     */
    default KubernetesClient newClient(String namespace, String userAgent) {
        io.fabric8.kubernetes.client.Config config = io.fabric8.kubernetes.client.Config.fromKubeconfig(kubeconfig());
        config.setNamespace(namespace);
        config.setUserAgent(userAgent);
        return new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(config).build();
    }

    /**
     * A fresh client authenticating as ServiceAccount {@code serviceAccount} of {@code namespace} (which must
     * exist), as a pod running under it would: on a real cluster with a token from the TokenRequest API.
     */
    default KubernetesClient newClientAs(String namespace, String serviceAccount, String userAgent) {
        String token = client().serviceAccounts().inNamespace(namespace).withName(serviceAccount)
                .tokenRequest(new io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder().withNewSpec()
                        .withExpirationSeconds(24 * 3600L).endSpec().build())
                .getStatus().getToken();
        io.fabric8.kubernetes.client.Config config = io.fabric8.kubernetes.client.Config.fromKubeconfig(kubeconfig());
        config.setNamespace(namespace);
        config.setUserAgent(userAgent);
        config.setOauthToken(token);
        config.setUsername(null);
        config.setClientCertData(null);
        config.setClientKeyData(null);
        return new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(config).build();
    }

    /** Creates a fresh namespace with a unique name starting with {@code prefix}, so tests never share objects. */
    default String createNamespace(String prefix) {
        String name = prefix + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        client().namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
                .withName(name).addToLabels("qdranthybrid.io/test", "true").endMetadata().build()).create();
        return name;
    }

    /** Installs the qdrant.io/v1 CRDs shipped in hybrid-sdk and waits until the API server serves them. */
    void installQdrantCrds();

    /** What this cluster is, for test reports, e.g. "simulated" or "k3s v1.31.4+k3s1". */
    String description();

    @Override
    void close();
}
