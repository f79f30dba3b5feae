package io.qdranthybrid.harness.kube.controllers.machinery;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes core/v1 Events about one kind of object (StatefulSet, PVC, VolumeSnapshot...) the way the real
 * controllers' event recorders do ({@code kubectl describe} shows them). A controller retrying the same failure
 * records its Event once, not once per retry.
 */
public final class ControllerEventRecorder {

    public enum Type { Normal, Warning }

    private static final Logger LOG = LoggerFactory.getLogger(ControllerEventRecorder.class);

    private final KubernetesClient client;
    private final String component;
    private final String apiVersion;
    private final String kind;
    private final Set<String> recorded = ConcurrentHashMap.newKeySet();

    /** Objects listed through a generic informer may lack apiVersion and kind, hence they are given here. */
    public ControllerEventRecorder(KubernetesClient client, String component, String apiVersion, String kind) {
        this.client = client;
        this.component = component;
        this.apiVersion = apiVersion;
        this.kind = kind;
    }

    public void record(HasMetadata about, Type type, String reason, String message) {
        String uid = about.getMetadata().getUid();
        if (!recorded.add(uid + "|" + reason + "|" + message)) {
            return;
        }
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        var event = new EventBuilder()
                .withNewMetadata()
                .withNamespace(about.getMetadata().getNamespace())
                .withName(about.getMetadata().getName() + "." + Long.toHexString(System.nanoTime()))
                .endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder()
                        .withApiVersion(apiVersion)
                        .withKind(kind)
                        .withNamespace(about.getMetadata().getNamespace())
                        .withName(about.getMetadata().getName())
                        .withUid(uid)
                        .withResourceVersion(about.getMetadata().getResourceVersion())
                        .build())
                .withType(type.name())
                .withReason(reason)
                .withMessage(message)
                .withNewSource().withComponent(component).endSource()
                .withReportingComponent(component)
                .withFirstTimestamp(now)
                .withLastTimestamp(now)
                .withCount(1)
                .build();
        try {
            client.resource(event).create();
            LOG.info("{}: {} {} {} {}/{}: {}", component, type, reason, kind, about.getMetadata().getNamespace(),
                    about.getMetadata().getName(), message);
        } catch (KubernetesClientException e) {
            // Like client-go's recorder: losing an Event must not fail the reconcile that produced it.
            recorded.remove(uid + "|" + reason + "|" + message);
            LOG.warn("{}: could not record {} event {} on {} {}/{}: {}", component, type, reason, kind,
                    about.getMetadata().getNamespace(), about.getMetadata().getName(), e.getMessage());
        }
    }
}
