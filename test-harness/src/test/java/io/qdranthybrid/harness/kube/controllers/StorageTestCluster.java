package io.qdranthybrid.harness.kube.controllers;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdranthybrid.harness.kube.CustomResourceDefinitions;
import io.qdranthybrid.harness.kube.SimulatedApiServer;


/**
 * The API server for the garbage-collector and storage tests: the harness's {@link SimulatedApiServer}
 * (snapshot.storage.k8s.io kinds served, finalizers, foreground/orphan propagation, status
 * subresources, admission), plus a QdrantCluster kind as a custom owner.
 */
final class StorageTestCluster implements AutoCloseable {

    static final GarbageCollectedKind QDRANT_CLUSTER =
            GarbageCollectedKind.namespaced("qdrant.io/v1", "QdrantCluster", "qdrantclusters");

    private final SimulatedApiServer server;
    private final KubernetesClient client;

    StorageTestCluster() {
        server = SimulatedApiServer.start();
        if (server.resourceTypes().find("qdrant.io", "v1", "qdrantclusters").isEmpty()) {
            server.registerCrd(CustomResourceDefinitions.definition("qdrant.io", "v1", "QdrantCluster", "qdrantclusters",
                    true, true, "qc"));
        }
        client = server.newClient();
    }

    SimulatedApiServer server() {
        return server;
    }

    KubernetesClient client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }
}
