package io.qdranthybrid.agent;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.qdranthybrid.crd.QdrantApi;
import io.qdranthybrid.protocol.client.QueryRefusedException;
import io.qdranthybrid.protocol.message.Query;
import io.qdranthybrid.protocol.message.QueryError;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code cluster-events}: the Kubernetes events involving a managed cluster (its QdrantCluster, the StatefulSets
 * running its pods, the pods and their volume claims), newest last, at most {@value #MAX_EVENTS} of them, as a JSON array of
 * {@code {type, reason, message, involvedKind, involvedName, count, lastSeen}}. Argument: {@code clusterId}.
 */
public final class ClusterEventsQuery implements AgentQuery {

    public static final String NAME = "cluster-events";
    /** The newest this many are kept: what a console shows, and far below the answer bound. */
    static final int MAX_EVENTS = 500;
    static final int MAX_MESSAGE_CHARS = 1024;

    private final KubernetesClient client;
    private final String namespace;
    private final ClusterPods pods;

    public ClusterEventsQuery(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
        this.pods = new ClusterPods(client, namespace);
    }

    @Override
    public String answer(Query query) {
        String clusterId = new QueryArgs(query).requiredText("clusterId");
        Set<String> involved = new HashSet<>();
        try {
            GenericKubernetesResource cluster = pods.cluster(clusterId);
            involved.add(key(cluster.getKind(), cluster.getMetadata().getName()));
            // StatefulSets by the pods' owner references: the agent's Role reads pods, not StatefulSets.
            for (Pod pod : pods.nodes(clusterId)) {
                involved.add(key("Pod", pod.getMetadata().getName()));
                pod.getMetadata().getOwnerReferences().forEach(o -> involved.add(key(o.getKind(), o.getName())));
            }
            labelled(client.persistentVolumeClaims().inNamespace(namespace)
                    .withLabel(QdrantApi.Labels.CLUSTER_ID, clusterId).list().getItems(), involved);
            List<Event> events = client.v1().events().inNamespace(namespace).list().getItems().stream()
                    .filter(e -> e.getInvolvedObject() != null && involved.contains(key(e.getInvolvedObject())))
                    .sorted(Comparator.comparing(e -> KubernetesEvents.lastSeen(e).orElse(Instant.EPOCH)))
                    .toList();
            return render(events.subList(Math.max(0, events.size() - MAX_EVENTS), events.size()));
        } catch (KubernetesClientException e) {
            throw new QueryRefusedException(e.getCode() == 403 ? QueryError.Code.FORBIDDEN : QueryError.Code.FAILED,
                    "reading the events of cluster " + clusterId + " failed: " + e.getMessage());
        }
    }

    private static void labelled(List<? extends HasMetadata> objects, Set<String> involved) {
        objects.forEach(o -> involved.add(key(HasMetadata.getKind(o.getClass()), o.getMetadata().getName())));
    }

    private static String render(List<Event> events) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (Event event : events) {
            String message = event.getMessage() == null ? "" : event.getMessage();
            out.addObject()
                    .put("type", event.getType())
                    .put("reason", event.getReason())
                    .put("message", message.length() > MAX_MESSAGE_CHARS ? message.substring(0, MAX_MESSAGE_CHARS) + "…" : message)
                    .put("involvedKind", event.getInvolvedObject().getKind())
                    .put("involvedName", event.getInvolvedObject().getName())
                    .put("count", event.getCount() == null ? 1 : event.getCount())
                    .put("lastSeen", KubernetesEvents.lastSeen(event).map(Instant::toString).orElse(null));
        }
        try {
            return JsonMapper.builder().build().writeValueAsString(out);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree we built ourselves", e);
        }
    }

    private static String key(ObjectReference ref) {
        return key(ref.getKind(), ref.getName());
    }

    private static String key(String kind, String name) {
        return kind + "/" + name;
    }
}
