package io.qdranthybrid.harness.kube.controllers.kubelet;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.HttpURLConnection;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** Registers the Node objects of a {@link NodePool}, as a kubelet does when it joins the cluster. */
public final class NodeRegistration {

    private static final Logger LOG = LoggerFactory.getLogger(NodeRegistration.class);

    private NodeRegistration() {
    }

    /** Creates the pool's nodes, or brings the status of existing ones back to the pool's. */
    /** Each node registered by its own kubelet's client, as every kubelet registers the node it runs on. */
    public static void register(Function<String, KubernetesClient> kubeletOf, NodePool pool) {
        for (Node node : pool.nodes()) {
            KubernetesClient client = kubeletOf.apply(node.getMetadata().getName());
            Node stored;
            try {
                stored = client.resource(node).create();
                LOG.info("registered node {} ({})", node.getMetadata().getName(),
                        node.getMetadata().getLabels().get("topology.kubernetes.io/zone"));
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                    throw e;
                }
                stored = client.nodes().withName(node.getMetadata().getName()).get();
            }
            // A real API server may drop the status on create; it is written through the subresource then.
            if (stored == null || !Objects.equals(stored.getStatus(), node.getStatus())) {
                client.nodes().withName(node.getMetadata().getName()).subresource("status")
                        .patch(PatchContext.of(PatchType.JSON_MERGE),
                                client.getKubernetesSerialization().asJson(Map.of("status", node.getStatus())));
            }
        }
    }
}
