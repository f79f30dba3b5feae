package io.qdranthybrid.harness.qdrant;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import okhttp3.tls.HeldCertificate;

import java.util.ArrayList;
import java.util.List;

/**
 * A private CA and a certificate it signed for a test cluster's nodes, as Secrets a QdrantCluster's
 * {@code config.tls} can reference: {@code <name>-ca} (key {@code ca.crt}) and {@code <name>-node} (keys
 * {@code tls.crt}, {@code tls.key}). The node certificate names every pod of the cluster behind its headless
 * Service, and the loopback address the simulated nodes listen on.
 */
public final class QdrantTlsMaterial {

    private final HeldCertificate ca;
    private final HeldCertificate node;
    private final String name;
    private final String namespace;

    private QdrantTlsMaterial(String namespace, String name, HeldCertificate ca, HeldCertificate node) {
        this.namespace = namespace;
        this.name = name;
        this.ca = ca;
        this.node = node;
    }

    /** Generates a CA and a node certificate for the nodes of cluster {@code clusterId} (up to {@code nodes} pods). */
    public static QdrantTlsMaterial generate(String namespace, String clusterId, int nodes) {
        HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0)
                .commonName("qdrant " + namespace + "/" + clusterId + " CA").build();
        HeldCertificate.Builder node = new HeldCertificate.Builder().commonName("qdrant-" + clusterId)
                .addSubjectAlternativeName("127.0.0.1").addSubjectAlternativeName("localhost")
                .addSubjectAlternativeName("qdrant-" + clusterId + "." + namespace + ".svc")
                .signedBy(ca);
        for (int i = 0; i < nodes; i++) {
            node.addSubjectAlternativeName("qdrant-" + clusterId + "-" + i + ".qdrant-headless-" + clusterId + "."
                    + namespace + ".svc");
        }
        return new QdrantTlsMaterial(namespace, "qdrant-" + clusterId + "-tls", ca, node.build());
    }

    public String caSecretName() {
        return name + "-ca";
    }

    public String nodeSecretName() {
        return name + "-node";
    }

    public String caPem() {
        return ca.certificatePem();
    }

    /** The two Secrets to create before the cluster. */
    public List<Secret> secrets() {
        List<Secret> secrets = new ArrayList<>();
        secrets.add(new SecretBuilder().withNewMetadata().withName(caSecretName()).withNamespace(namespace).endMetadata()
                .addToStringData("ca.crt", ca.certificatePem()).build());
        secrets.add(new SecretBuilder().withNewMetadata().withName(nodeSecretName()).withNamespace(namespace).endMetadata()
                .addToStringData("tls.crt", node.certificatePem() + ca.certificatePem())
                .addToStringData("tls.key", node.privateKeyPkcs8Pem()).build());
        return secrets;
    }
}
