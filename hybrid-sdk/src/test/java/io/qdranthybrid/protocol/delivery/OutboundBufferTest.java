package io.qdranthybrid.protocol.delivery;

import io.qdranthybrid.protocol.MutableClock;
import io.qdranthybrid.protocol.message.AgentMessage;
import io.qdranthybrid.protocol.message.EnvironmentStatus;
import io.qdranthybrid.protocol.message.Envelope;
import io.qdranthybrid.protocol.message.ResourceStatus;
import io.qdranthybrid.protocol.message.Telemetry;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.qdranthybrid.protocol.SampleMessages.T0;
import static io.qdranthybrid.protocol.SampleMessages.environmentStatus;
import static io.qdranthybrid.protocol.SampleMessages.metric;
import static io.qdranthybrid.protocol.SampleMessages.status;
import static org.assertj.core.api.Assertions.assertThat;

class OutboundBufferTest {

    private final OutboundBuffer buffer = new OutboundBuffer(5, 2, new MutableClock(T0));

    private static List<AgentMessage> messages(List<Envelope<AgentMessage>> envelopes) {
        return envelopes.stream().map(Envelope::message).toList();
    }

    @Test
    void statusesCoalesceToTheLatestPerResource() {
        buffer.add(status("a", "Creating", 1));
        buffer.add(status("b", "Creating", 1));
        buffer.add(status("a", "Healthy", 2));

        assertThat(messages(buffer.drain())).containsExactly(status("b", "Creating", 1), status("a", "Healthy", 2));
    }

    @Test
    void telemetryBeyondCapacityDropsTheOldestAndReportsTheCountOnce() {
        for (int i = 1; i <= 8; i++) {
            buffer.add(metric(i));
        }

        List<AgentMessage> drained = messages(buffer.drain());

        assertThat(drained).containsExactly(
                new Telemetry(List.of(metric(4), metric(5)), List.of(), 3),
                new Telemetry(List.of(metric(6), metric(7)), List.of(), 0),
                new Telemetry(List.of(metric(8)), List.of(), 0));
        assertThat(buffer.droppedTotal()).isEqualTo(3);
        buffer.add(metric(9));
        assertThat(messages(buffer.drain())).containsExactly(new Telemetry(List.of(metric(9)), List.of(), 0));
    }

    @Test
    void dropsAreReportedEvenWhenNoTelemetryIsLeft() {
        for (int i = 1; i <= 6; i++) {
            buffer.add(metric(i));
        }
        List<Envelope<AgentMessage>> first = buffer.drain();
        first.forEach(e -> buffer.acknowledge(e.id()));

        assertThat(messages(first)).first().isEqualTo(new Telemetry(List.of(metric(2), metric(3)), List.of(), 1));
        assertThat(buffer.drain()).isEmpty();
    }

    @Test
    void drainSendsEnvironmentThenStatusesThenTelemetry() {
        buffer.add(metric(1));
        buffer.add(status("a", "Healthy", 1));
        EnvironmentStatus environment = environmentStatus();
        buffer.add(environment);

        assertThat(messages(buffer.drain())).containsExactly(environment, status("a", "Healthy", 1),
                new Telemetry(List.of(metric(1)), List.of(), 0));
        assertThat(buffer.pendingCount()).isZero();
    }

    @Test
    void aBoundedDrainTakesTheOldestFirstAndLeavesTheRestWithTheDropCountForLater() {
        for (int i = 1; i <= 6; i++) {
            buffer.add(metric(i)); // capacity 5: one dropped, reported with the first batch
        }
        buffer.add(status("a", "Healthy", 1));
        buffer.add(status("b", "Healthy", 1));
        EnvironmentStatus environment = environmentStatus();
        buffer.add(environment);

        assertThat(messages(buffer.drain(2))).containsExactly(environment, status("a", "Healthy", 1));
        assertThat(messages(buffer.drain(2))).containsExactly(status("b", "Healthy", 1),
                new Telemetry(List.of(metric(2), metric(3)), List.of(), 1));
        assertThat(messages(buffer.drain(0))).isEmpty();
        assertThat(messages(buffer.drain())).containsExactly(new Telemetry(List.of(metric(4), metric(5)), List.of(), 0),
                new Telemetry(List.of(metric(6)), List.of(), 0));
    }

    @Test
    void unacknowledgedStatusesComeBackAfterALostConnection() {
        buffer.add(status("a", "Healthy", 1));
        buffer.add(status("b", "Healthy", 1));
        List<Envelope<AgentMessage>> sent = buffer.drain();
        buffer.acknowledge(sent.get(0).id());

        buffer.requeueUnacknowledged();

        assertThat(messages(buffer.drain())).containsExactly(status("b", "Healthy", 1));
    }

    @Test
    void aNewerStatusWinsOverTheUnacknowledgedOlderOne() {
        buffer.add(status("a", "Creating", 1));
        buffer.drain();
        buffer.add(status("a", "Healthy", 2));

        buffer.requeueUnacknowledged();

        assertThat(messages(buffer.drain())).containsExactly(status("a", "Healthy", 2));
    }

    @Test
    void unacknowledgedTelemetryGoesBackInFrontWithItsDropCount() {
        for (int i = 1; i <= 6; i++) {
            buffer.add(metric(i));
        }
        buffer.drain();
        buffer.add(metric(7));

        buffer.requeueUnacknowledged();

        List<AgentMessage> replayed = messages(buffer.drain());
        // Capacity 5: of the five requeued items plus the new one, the oldest requeued item is lost too.
        assertThat(replayed).containsExactly(
                new Telemetry(List.of(metric(3), metric(4)), List.of(), 2),
                new Telemetry(List.of(metric(5), metric(6)), List.of(), 0),
                new Telemetry(List.of(metric(7)), List.of(), 0));
        assertThat(buffer.droppedTotal()).isEqualTo(2);
    }

    @Test
    void acknowledgedMessagesAreNotResent() {
        buffer.add(environmentStatus());
        buffer.add(metric(1));
        buffer.drain().forEach(e -> assertThat(buffer.acknowledge(e.id())).isTrue());

        buffer.requeueUnacknowledged();

        assertThat(buffer.drain()).isEmpty();
        assertThat(buffer.inFlightCount()).isZero();
    }

    @Test
    void everyDrainedMessageGetsItsOwnEnvelopeId() {
        buffer.add(status("a", "Healthy", 1));
        buffer.add(status("b", "Healthy", 1));

        List<Envelope<AgentMessage>> drained = buffer.drain();

        assertThat(drained).extracting(Envelope::id).doesNotHaveDuplicates();
        assertThat(drained).extracting(Envelope::timestamp).containsOnly(T0);
        assertThat(drained.get(0).message()).isInstanceOf(ResourceStatus.class);
    }

    @Test
    void anOversizedTelemetryBatchSplitsIntoHalvesThatReplaceItInFlight() {
        OutboundBuffer big = new OutboundBuffer(100, 100, new MutableClock(T0));
        for (int i = 1; i <= 6; i++) {
            big.add(metric(i));
        }
        Envelope<AgentMessage> batch = big.drain().get(0);

        List<Envelope<AgentMessage>> halves = big.splitOversized(batch);

        assertThat(messages(halves)).containsExactly(
                new Telemetry(List.of(metric(1), metric(2), metric(3)), List.of(), 0),
                new Telemetry(List.of(metric(4), metric(5), metric(6)), List.of(), 0));
        assertThat(big.acknowledge(batch.id())).isFalse();
        assertThat(big.inFlightCount()).isEqualTo(2);
    }

    @Test
    void aSingleStatusCannotBeSplit() {
        buffer.add(status("a", "Healthy", 1));

        assertThat(buffer.splitOversized(buffer.drain().get(0))).isEmpty();
    }

    @Test
    void messagesGivenUpBeyondTheInFlightLimitAreCountedAsDroppedAndReported() {
        OutboundBuffer unacknowledged = new OutboundBuffer(5, 100, new MutableClock(T0));
        for (int i = 0; i < OutboundBuffer.MAX_IN_FLIGHT + 3; i++) {
            unacknowledged.add(status("c-" + i, "Healthy", 1));
        }
        unacknowledged.drain();

        assertThat(unacknowledged.inFlightCount()).isEqualTo(OutboundBuffer.MAX_IN_FLIGHT);
        assertThat(unacknowledged.droppedTotal()).isEqualTo(3);
        unacknowledged.add(metric(2));
        assertThat(messages(unacknowledged.drain())).containsExactly(new Telemetry(List.of(metric(2)), List.of(), 3));
    }

    @Test
    void aStatusTooLargeToSendIsReplacedByAMarkerKeepingItsPhaseAndCountsAsDropped() {
        buffer.add(status("a", "Healthy", 4));
        Envelope<AgentMessage> oversized = buffer.drain().get(0);

        Envelope<AgentMessage> marker = buffer.giveUpOversized(oversized, "too large to send: 3 MB").orElseThrow();

        ResourceStatus replacement = (ResourceStatus) marker.message();
        assertThat(replacement.key()).isEqualTo(status("a", "Healthy", 4).key());
        assertThat(replacement.observedRevision()).isEqualTo(4);
        assertThat(replacement.status()).isEqualTo(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                .objectNode().put("truncated", true).put("message", "too large to send: 3 MB").put("phase", "Healthy"));
        assertThat(buffer.droppedTotal()).isEqualTo(1);
        assertThat(buffer.inFlightCount()).isEqualTo(1);
        // A marker that is still too large is dropped without counting the same loss twice.
        assertThat(buffer.giveUpOversized(marker, "still too large")).isEmpty();
        assertThat(buffer.droppedTotal()).isEqualTo(1);
        assertThat(buffer.inFlightCount()).isZero();
    }

    @Test
    void anEnvironmentStatusTooLargeToSendIsDroppedAndCounted() {
        buffer.add(environmentStatus());
        Envelope<AgentMessage> oversized = buffer.drain().get(0);

        assertThat(buffer.giveUpOversized(oversized, "too large")).isEmpty();

        assertThat(buffer.droppedTotal()).isEqualTo(1);
        assertThat(messages(buffer.drain())).containsExactly(new Telemetry(List.of(), List.of(), 1));
    }
}
