package io.qdranthybrid.operator.app;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetSpecBuilder;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.qdranthybrid.operator.QdrantOperator;
import io.qdranthybrid.operator.cluster.OperatorDefaults;
import io.qdranthybrid.operator.cluster.VolumeExpansionMode;
import jakarta.annotation.PreDestroy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/** Builds the SDK's operator from the settings, starts it once the HTTP server is up, and stops it gracefully. */
@Context
public class OperatorRuntime implements ApplicationEventListener<ServerStartupEvent> {

    private final QdrantOperator operator;

    OperatorRuntime(KubernetesClient client, OperatorSettings settings, PodPolicySettings policy,
                    MicrometerReconcileMetrics metrics) {
        OperatorDefaults defaults = new OperatorDefaults(settings.imageRepository(), settings.imagePullPolicy(),
                settings.databaseStorageClass(), settings.snapshotStorageClass(),
                new PodDisruptionBudgetSpecBuilder().withMaxUnavailable(new IntOrString(settings.maxUnavailable())).build(),
                true, settings.manageNetworkPolicy(), "kube-system", policy.toPolicy(),
                VolumeExpansionMode.parse(settings.volumeExpansionMode()));
        QdrantOperator.Builder builder = QdrantOperator.builder(client, client.getNamespace())
                .defaults(defaults)
                .workers(settings.workers())
                .maxConcurrentTransfers(settings.maxConcurrentTransfers())
                .qdrantTimeout(settings.qdrantTimeout())
                .statusPacing(settings.statusPacing())
                .volumeSnapshotClass(settings.volumeSnapshotClass())
                .metrics(metrics);
        if (settings.leaderElection()) {
            builder.leaderElection(settings.leaseName(), identity());
        }
        this.operator = builder.build();
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        operator.start();
    }

    public QdrantOperator operator() {
        return operator;
    }

    @PreDestroy
    void stop() {
        operator.close();
    }

    private static String identity() {
        String pod = System.getenv("POD_NAME");
        if (pod != null && !pod.isBlank()) {
            return pod;
        }
        try {
            return InetAddress.getLocalHost().getHostName() + "-" + UUID.randomUUID().toString().substring(0, 8);
        } catch (UnknownHostException e) {
            return "operator-" + UUID.randomUUID();
        }
    }
}
