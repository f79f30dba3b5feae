package io.qdranthybrid.harness.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class TimelineTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2025-01-01T10:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @Test
    void writesEventsInOrderWithTheTimeSinceTheStart(@TempDir Path dir) throws Exception {
        Timeline timeline = new Timeline("ScaleTest.scalesUp", clock);
        timeline.record(TimelineSource.RESOURCE, "QdrantCluster/qdrant-a", "phase", "Scaling");
        now.set(now.get().plusMillis(1500));
        timeline.mark("scaled");

        Path file = dir.resolve("ScaleTest/scalesUp.json");
        timeline.writeJson(file);

        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertThat(json.path("name").asText()).isEqualTo("ScaleTest.scalesUp");
        assertThat(json.path("started").asText()).isEqualTo("2025-01-01T10:00:00Z");
        assertThat(json.path("events")).hasSize(2);
        JsonNode first = json.path("events").get(0);
        assertThat(first.path("source").asText()).isEqualTo("resource");
        assertThat(first.path("subject").asText()).isEqualTo("QdrantCluster/qdrant-a");
        assertThat(first.path("event").asText()).isEqualTo("phase");
        assertThat(first.path("detail").asText()).isEqualTo("Scaling");
        JsonNode second = json.path("events").get(1);
        assertThat(second.path("source").asText()).isEqualTo("test");
        assertThat(second.path("detail").asText()).isEqualTo("scaled");
        assertThat(second.path("elapsedMillis").asLong()).isEqualTo(1500);
        assertThat(second.path("at").asText()).isEqualTo("2025-01-01T10:00:01.500Z");
    }

    @Test
    void listenersSeeEventsUntilTheyUnsubscribeAndAFailingOneDoesNotStopRecording() throws Exception {
        Timeline timeline = new Timeline("t", clock);
        List<TimelineEvent> seen = new ArrayList<>();
        AutoCloseable subscription = timeline.subscribe(seen::add);
        timeline.subscribe(event -> {
            throw new IllegalStateException("listener bug");
        });

        timeline.record(TimelineSource.AGENT, "ns", "connected", "first session");
        subscription.close();
        timeline.record(TimelineSource.AGENT, "ns", "disconnected", "cut");

        assertThat(seen).extracting(TimelineEvent::event).containsExactly("connected");
        assertThat(timeline.events()).hasSize(2);
        assertThat(timeline.events(TimelineSource.AGENT).get(1).elapsed()).isEqualTo(Duration.ZERO);
    }
}
