package io.qdranthybrid.harness.kube.controllers;

import io.qdranthybrid.harness.kube.controllers.gc.GarbageCollectedKind;
import java.util.List;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.harness.cluster.QdrantCrds;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdranthybrid.harness.kube.SimulatedApiServer;


/**
 * The API server for the garbage-collector and storage tests: the harness's {@link SimulatedApiServer}
 * (snapshot.storage.k8s.io kinds served, finalizers, foreground/orphan propagation, status
 * subresources, admission), plus a QdrantCluster kind as a custom owner.
 */
public final class StorageTestCluster implements AutoCloseable {

    public static final GarbageCollectedKind QDRANT_CLUSTER =
            GarbageCollectedKind.namespaced("qdrant.io/v1", "QdrantCluster", "qdrantclusters");

    private final SimulatedApiServer server;
    private final KubernetesClient client;

    public StorageTestCluster() {
        server = SimulatedApiServer.start(List.of(QdrantCrds.load(QdrantCluster.class)));
        client = server.newClient();
    }

    public SimulatedApiServer server() {
        return server;
    }

    public KubernetesClient client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }
}
