package io.qdranthybrid.reconcile;

import io.fabric8.kubernetes.api.model.Event;
import io.qdranthybrid.crd.QdrantCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.List;

import static io.qdranthybrid.reconcile.MockKube.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventRecorderTest {

    private final MockKube kube = MockKube.shared();
    private final SettableClock clock = new SettableClock("2026-01-01T10:00:00Z");
    private final EventRecorder recorder = new EventRecorder(kube.newClient(), "qdrant-operator", clock);

    private List<Event> eventsAbout(String name) {
        return kube.client().v1().events().inNamespace(NAMESPACE).list().getItems().stream()
                .filter(event -> name.equals(event.getInvolvedObject().getName()))
                .toList();
    }

    @Test
    void repeatsOfTheSameEventAreCountedOnOneObject() {
        QdrantCluster cluster = kube.createCluster("flaky", 1);

        recorder.warning(cluster, "BackupFailed", "bucket unreachable");
        clock.advance(Duration.ofMinutes(5));
        recorder.warning(cluster, "BackupFailed", "bucket unreachable");
        clock.advance(Duration.ofMinutes(5));
        recorder.warning(cluster, "BackupFailed", "bucket unreachable");

        List<Event> events = eventsAbout("flaky");
        assertThat(events).hasSize(1);
        Event event = events.get(0);
        assertThat(event.getCount()).isEqualTo(3);
        assertThat(event.getType()).isEqualTo("Warning");
        assertThat(event.getReason()).isEqualTo("BackupFailed");
        assertThat(event.getMessage()).isEqualTo("bucket unreachable");
        assertThat(event.getFirstTimestamp()).isEqualTo("2026-01-01T10:00:00Z");
        assertThat(event.getLastTimestamp()).isEqualTo("2026-01-01T10:10:00Z");
        assertThat(event.getInvolvedObject().getKind()).isEqualTo("QdrantCluster");
        assertThat(event.getInvolvedObject().getUid()).isEqualTo(cluster.getMetadata().getUid());
        assertThat(event.getSource().getComponent()).isEqualTo("qdrant-operator");
    }

    @Test
    void aNewEventCostsOneRequest() {
        WriteCounter requests = new WriteCounter();
        EventRecorder counted = new EventRecorder(kube.countingClient(requests), "qdrant-operator", clock);
        QdrantCluster cluster = kube.createCluster("fresh", 1);

        counted.normal(cluster, "Healthy", "Creating -> Healthy");

        assertThat(requests.requests()).singleElement().asString().startsWith("POST ").endsWith("/events");
        assertThat(eventsAbout("fresh")).singleElement().satisfies(event -> assertThat(event.getCount()).isEqualTo(1));
    }

    @Test
    void differentReasonOrMessageIsASeparateEvent() {
        QdrantCluster cluster = kube.createCluster("scaling", 1);

        recorder.normal(cluster, "ScalingUp", "size 1 -> 3");
        recorder.normal(cluster, "ScalingUp", "size 3 -> 5");
        recorder.normal(cluster, "Ready", "size 3 -> 5");

        assertThat(eventsAbout("scaling")).hasSize(3).allSatisfy(event -> assertThat(event.getCount()).isEqualTo(1));
    }

    @Test
    void sameEventOnAnotherObjectIsNotAggregatedWithIt() {
        QdrantCluster first = kube.createCluster("first", 1);
        QdrantCluster second = kube.createCluster("second", 1);

        recorder.normal(first, "Created", "cluster created");
        recorder.normal(second, "Created", "cluster created");

        assertThat(eventsAbout("first")).singleElement().satisfies(event -> assertThat(event.getCount()).isEqualTo(1));
        assertThat(eventsAbout("second")).singleElement().satisfies(event -> assertThat(event.getCount()).isEqualTo(1));
    }
}
