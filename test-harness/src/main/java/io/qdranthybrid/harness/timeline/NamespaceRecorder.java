package io.qdranthybrid.harness.timeline;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.qdranthybrid.crd.QdrantApi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Writes what happens in one namespace to a timeline: every qdrant.io resource's creation, phase changes and
 * deletion, and every pod's creation, readiness changes and deletion. It watches like any controller, so it sees
 * the same order of changes the operator and the agent see.
 */
public final class NamespaceRecorder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NamespaceRecorder.class);

    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();

    private NamespaceRecorder() {
    }

    /** Starts watching; returns once the informers have listed what already exists. */
    public static NamespaceRecorder start(KubernetesClient client, String namespace, Timeline timeline) {
        NamespaceRecorder recorder = new NamespaceRecorder();
        try {
            for (Class<? extends io.fabric8.kubernetes.client.CustomResource<?, ?>> kind : QdrantApi.KINDS) {
                ResourceDefinitionContext context = ResourceDefinitionContext.fromResourceType(kind);
                recorder.informers.add(client.genericKubernetesResources(context).inNamespace(namespace)
                        .inform(new Changes<>(timeline, TimelineSource.RESOURCE, NamespaceRecorder::phase,
                                "phase"), 0));
            }
            recorder.informers.add(client.pods().inNamespace(namespace)
                    .inform(new Changes<>(timeline, TimelineSource.POD, NamespaceRecorder::readiness, "readiness"),
                            0));
        } catch (RuntimeException e) {
            recorder.close();
            throw e;
        }
        return recorder;
    }

    private static String phase(GenericKubernetesResource resource) {
        Object status = resource.getAdditionalProperties().get("status");
        if (status instanceof Map<?, ?> map && map.get("phase") != null) {
            return map.get("phase").toString();
        }
        return "";
    }

    private static String readiness(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return "NotReady";
        }
        return pod.getStatus().getConditions().stream()
                .filter(c -> "Ready".equals(c.getType()))
                .map(PodCondition::getStatus)
                .anyMatch("True"::equals) ? "Ready" : "NotReady";
    }

    @Override
    public void close() {
        for (SharedIndexInformer<?> informer : informers) {
            try {
                informer.close();
            } catch (RuntimeException e) {
                LOG.debug("Closing a timeline informer failed: {}", e.toString());
            }
        }
        informers.clear();
    }

    /** Records creations, changes of one observed value, and deletions. */
    private static final class Changes<T extends HasMetadata> implements ResourceEventHandler<T> {
        private final Timeline timeline;
        private final TimelineSource source;
        private final Function<T, String> value;
        private final String event;

        Changes(Timeline timeline, TimelineSource source, Function<T, String> value, String event) {
            this.timeline = timeline;
            this.source = source;
            this.value = value;
            this.event = event;
        }

        @Override
        public void onAdd(T object) {
            timeline.record(source, subject(object), "created", value.apply(object));
        }

        @Override
        public void onUpdate(T before, T after) {
            String now = value.apply(after);
            if (!Objects.equals(value.apply(before), now)) {
                timeline.record(source, subject(after), event, now);
            }
        }

        @Override
        public void onDelete(T object, boolean finalStateUnknown) {
            timeline.record(source, subject(object), "deleted", "");
        }

        private static String subject(HasMetadata object) {
            return object.getKind() + "/" + object.getMetadata().getName();
        }
    }
}
