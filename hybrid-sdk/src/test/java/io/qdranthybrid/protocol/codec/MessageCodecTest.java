package io.qdranthybrid.protocol.codec;

import io.qdranthybrid.protocol.SampleMessages;
import io.qdranthybrid.protocol.message.AgentMessage;
import io.qdranthybrid.protocol.message.ComponentPhase;
import io.qdranthybrid.protocol.message.ComponentStatus;
import io.qdranthybrid.protocol.message.ControlPlaneMessage;
import io.qdranthybrid.protocol.message.DesiredState;
import io.qdranthybrid.protocol.message.EnvironmentStatus;
import io.qdranthybrid.protocol.message.Envelope;
import io.qdranthybrid.protocol.message.Hello;
import io.qdranthybrid.protocol.message.MessageType;
import io.qdranthybrid.protocol.message.NackReason;
import io.qdranthybrid.protocol.message.ProtocolMessage;
import io.qdranthybrid.protocol.message.RefusalReason;
import io.qdranthybrid.protocol.message.Refused;
import io.qdranthybrid.protocol.message.UnsupportedResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageCodecTest {

    private final MessageCodec codec = new MessageCodec();

    static Stream<ProtocolMessage> everyType() {
        return SampleMessages.everyType().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyType")
    void everyMessageSurvivesAnEncodeDecodeRoundTrip(ProtocolMessage message) {
        Envelope<ProtocolMessage> envelope = new Envelope<>(1, "id-42", Instant.parse("2026-11-24T10:00:01.5Z"), message);
        String text = codec.encode(envelope);

        if (message.type().sentByAgent()) {
            assertThat(codec.decodeFromAgent(text)).isEqualTo(new DecodeResult.Decoded<>(envelope));
        }
        if (message.type().sentByControlPlane()) {
            assertThat(codec.decodeFromControlPlane(text)).isEqualTo(new DecodeResult.Decoded<>(envelope));
        }
    }

    @Test
    void theSampleSetCoversEveryMessageType() {
        assertThat(SampleMessages.everyType()).extracting(ProtocolMessage::type).containsAll(List.of(MessageType.values()));
    }

    @Test
    void theEnvelopeHasTheDocumentedShape() {
        String text = codec.encode(new Envelope<>(1, "abc", Instant.parse("2026-11-24T10:00:00Z"),
                new Refused(RefusalReason.BAD_ACCESS_KEY, "no")));

        assertThat(SampleMessages.json(text)).isEqualTo(SampleMessages.json("""
                {"v":1,"type":"refused","id":"abc","ts":"2026-11-24T10:00:00Z",
                 "payload":{"reason":"BAD_ACCESS_KEY","message":"no"}}"""));
    }

    @Test
    void anUnknownTypeIsReportedForIgnoringNotAsAnError() {
        DecodeResult<ControlPlaneMessage> result = codec.decodeFromControlPlane("""
                {"v":1,"type":"quota-update","id":"u-1","ts":"2026-11-24T10:00:00Z","payload":{"x":1}}""");

        assertThat(result).isEqualTo(new DecodeResult.UnknownType<>("quota-update", "u-1"));
    }

    @Test
    void unknownFieldsAndUnknownEnumCodesFromANewerPeerAreTolerated() {
        DecodeResult<ControlPlaneMessage> result = codec.decodeFromControlPlane("""
                {"v":1,"type":"refused","id":"r-1","ts":"2026-11-24T10:00:00Z","extra":true,
                 "payload":{"reason":"ACCOUNT_SUSPENDED","message":"pay","newField":[1]}}""");

        assertThat(result).isEqualTo(new DecodeResult.Decoded<>(new Envelope<>(1, "r-1",
                Instant.parse("2026-11-24T10:00:00Z"), new Refused(RefusalReason.UNKNOWN, "pay"))));
    }

    @Test
    void invalidJsonIsMalformedWithAReason() {
        DecodeResult<ControlPlaneMessage> result = codec.decodeFromControlPlane("{\"v\":1,\"type\":\"heartbeat\",");

        assertThat(result).isInstanceOfSatisfying(DecodeResult.Malformed.class,
                m -> assertThat(m.reason()).startsWith("not valid JSON"));
    }

    @Test
    void aWrongFieldTypeIsMalformedNamingTheFieldAndKeepingTheEnvelopeId() {
        DecodeResult<ControlPlaneMessage> result = codec.decodeFromControlPlane("""
                {"v":1,"type":"desired-state","id":"d-1","ts":"2026-11-24T10:00:00Z",
                 "payload":{"revision":"7","mode":"SNAPSHOT","resources":[]}}""");

        assertThat(result).isEqualTo(new DecodeResult.Malformed<>("d-1",
                "payload.revision: expected an integer but got a string"));
    }

    @Test
    void aNestedWrongFieldIsReportedWithItsPath() {
        DecodeResult<ControlPlaneMessage> result = codec.decodeFromControlPlane("""
                {"v":1,"type":"desired-state","id":"d-2","ts":"2026-11-24T10:00:00Z",
                 "payload":{"revision":7,"mode":"SNAPSHOT","resources":[
                   {"kind":"clusters","namespace":"qdrant","name":"a","revision":7,"manifest":{}},
                   {"kind":"clusters","namespace":"qdrant","name":"b","revision":1.5,"manifest":{}}]}}""");

        assertThat(result).isEqualTo(new DecodeResult.Malformed<>("d-2",
                "payload.resources[1].revision: expected an integer but got the decimal 1.5"));
    }

    @Test
    void aSemanticViolationIsMalformedWithTheRecordsExplanation() {
        DecodeResult<ControlPlaneMessage> result = codec.decodeFromControlPlane("""
                {"v":1,"type":"desired-state","id":"d-3","ts":"2026-11-24T10:00:00Z",
                 "payload":{"revision":7,"mode":"DELTA","baseRevision":9,"resources":[]}}""");

        assertThat(result).isEqualTo(new DecodeResult.Malformed<>("d-3",
                "invalid message: delta baseRevision 9 must be below revision 7"));
    }

    @Test
    void aResourceWithBothManifestAndTombstoneIsMalformed() {
        DecodeResult<ControlPlaneMessage> result = codec.decodeFromControlPlane("""
                {"v":1,"type":"desired-state","id":"d-4","ts":"2026-11-24T10:00:00Z",
                 "payload":{"revision":7,"mode":"SNAPSHOT","resources":[
                   {"kind":"clusters","namespace":"qdrant","name":"a","revision":7,"manifest":{},"deleted":true}]}}""");

        assertThat(result).isInstanceOfSatisfying(DecodeResult.Malformed.class,
                m -> assertThat(m.reason()).contains("payload.resources[0]").contains("exactly one"));
    }

    @Test
    void aMissingRequiredFieldIsMalformed() {
        DecodeResult<ControlPlaneMessage> result = codec.decodeFromControlPlane("""
                {"v":1,"type":"command","id":"c-1","ts":"2026-11-24T10:00:00Z","payload":{"name":"restart"}}""");

        assertThat(result).isEqualTo(new DecodeResult.Malformed<>("c-1", "payload.commandId: required field is missing"));
    }

    @Test
    void aMessageOfTheOtherDirectionIsMalformed() {
        String hello = codec.encode(new Envelope<>(1, "h-1", Instant.EPOCH, SampleMessages.hello()));

        assertThat(codec.decodeFromControlPlane(hello)).isEqualTo(
                new DecodeResult.Malformed<>("h-1", "\"hello\" is never sent by the control plane"));
    }

    @Test
    void anUnsupportedProtocolVersionIsMalformed() {
        DecodeResult<ControlPlaneMessage> result = codec.decodeFromControlPlane("""
                {"v":2,"type":"heartbeat","id":"x","ts":"2026-11-24T10:00:00Z","payload":{}}""");

        assertThat(result).isInstanceOfSatisfying(DecodeResult.Malformed.class,
                m -> assertThat(m.reason()).contains("unsupported protocol version 2"));
    }

    @Test
    void duplicateKeysAreMalformedRatherThanSilentlyResolved() {
        DecodeResult<ControlPlaneMessage> result = codec.decodeFromControlPlane("""
                {"v":1,"type":"heartbeat","id":"x","id":"y","ts":"2026-11-24T10:00:00Z","payload":{}}""");

        assertThat(result).isInstanceOf(DecodeResult.Malformed.class);
    }

    @Test
    void aMalformedHelloDoesNotEchoTheAccessKey() {
        DecodeResult<AgentMessage> result = codec.decodeFromAgent("""
                {"v":1,"type":"hello","id":"h","ts":"2026-11-24T10:00:00Z","payload":{"environmentId":"e",
                 "accessKey":"not-a-uuid|%s","agentVersion":"1","supportedVersions":[1],"lastAppliedRevision":0}}"""
                .formatted(SampleMessages.SECRET));

        assertThat(result).isInstanceOfSatisfying(DecodeResult.Malformed.class,
                m -> assertThat(m.reason()).contains("payload.accessKey").doesNotContain(SampleMessages.SECRET));
    }

    @Test
    void anOversizedFrameIsTooLargeAndStillNamesItsId() {
        MessageCodec small = new MessageCodec(2048);
        String padding = "x".repeat(4000);
        String text = """
                {"v":1,"payload":{"name":"restart","commandId":"c","args":{"pad":"%s"}},"type":"command","id":"big-1","ts":"2026-11-24T10:00:00Z"}"""
                .formatted(padding);

        DecodeResult<ControlPlaneMessage> result = small.decodeFromControlPlane(text);

        assertThat(result).isEqualTo(new DecodeResult.TooLarge<>(text.length(), 2048, "big-1"));
    }

    @Test
    void theSizeLimitCountsUtf8BytesNotCharacters() {
        MessageCodec small = new MessageCodec(1024);
        String text = "{\"v\":1,\"type\":\"heartbeat\",\"id\":\"" + "é".repeat(600) + "\"}";

        assertThat(small.decodeFromControlPlane(text)).isInstanceOf(DecodeResult.TooLarge.class);
    }

    @Test
    void encodingAboveTheLimitFailsWithTheSizes() {
        MessageCodec small = new MessageCodec(1024);
        Hello hello = new Hello("e", SampleMessages.ACCESS_KEY, "1".repeat(2000), List.of(1), 0);

        assertThatThrownBy(() -> small.encode(Envelope.wrap(hello, java.time.Clock.systemUTC())))
                .isInstanceOf(MessageTooLargeException.class)
                .hasMessageContaining("above the limit of 1024 bytes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "null", "[]", "42", "\"text\"", "{}", "{\"v\":\"1\"}", "{\"v\":1}",
            "{\"v\":1,\"type\":7,\"id\":\"a\",\"ts\":\"x\",\"payload\":{}}",
            "{\"v\":1,\"type\":\"ack\",\"id\":\"a\",\"ts\":\"yesterday\",\"payload\":{}}",
            "{\"v\":1,\"type\":\"ack\",\"id\":\"a\",\"ts\":\"2026-11-24T10:00:00Z\",\"payload\":[]}",
            "{\"v\":1,\"type\":\"ack\",\"id\":\"a\",\"ts\":\"2026-11-24T10:00:00Z\"}",
            "{\"v\":1,\"type\":\"nack\",\"id\":\"a\",\"ts\":\"2026-11-24T10:00:00Z\",\"payload\":{\"reason\":null}}",
            "{\"v\":99999999999,\"type\":\"ack\"}", "{} {}", "\u0000\u0001", "{\"a\":[[[[[[[[[["})
    void garbageNeverThrowsAndComesBackMalformed(String text) {
        assertThat(codec.decodeFromControlPlane(text)).isInstanceOf(DecodeResult.Malformed.class);
        assertThat(codec.decodeFromAgent(text)).isInstanceOf(DecodeResult.Malformed.class);
    }

    @Test
    void aNackReasonFromANewerPeerDecodesAsUnknown() {
        DecodeResult<AgentMessage> result = codec.decodeFromAgent("""
                {"v":1,"type":"nack","id":"n","ts":"2026-11-24T10:00:00Z","payload":{"ref":"r","reason":"QUOTA","message":""}}""");

        assertThat(result).isInstanceOfSatisfying(DecodeResult.Decoded.class, d ->
                assertThat(d.envelope().message()).isEqualTo(new io.qdranthybrid.protocol.message.Nack("r", NackReason.UNKNOWN, "")));
    }

    @Test
    void aResourceOfAnUnknownKindIsSetApartAndTheRestOfTheDesiredStateDecodes() {
        String text = """
                {"v":1,"type":"desired-state","id":"d-9","ts":"2026-11-24T10:00:00Z",
                 "payload":{"revision":7,"mode":"SNAPSHOT","resources":[
                   {"kind":"clusters","namespace":"qdrant","name":"a","revision":7,"manifest":{"spec":{"size":1}}},
                   {"kind":"vector-indexes","namespace":"qdrant","name":"idx","revision":6,"manifest":{"spec":{}}},
                   {"kind":"backup-targets","namespace":"qdrant","name":"old","revision":5,"deleted":true}]}}""";

        DecodeResult<ControlPlaneMessage> result = codec.decodeFromControlPlane(text);

        assertThat(result).isInstanceOfSatisfying(DecodeResult.Decoded.class, decoded -> {
            DesiredState state = (DesiredState) decoded.envelope().message();
            assertThat(state.resources()).extracting(r -> r.key().name()).containsExactly("a");
            assertThat(state.unsupported()).extracting(UnsupportedResource::toString)
                    .containsExactly("vector-indexes/qdrant/idx", "backup-targets/qdrant/old");
            assertThat(state.unsupported().get(1).isTombstone()).isTrue();
            // Re-encoding keeps every resource, the unknown ones included.
            assertThat(SampleMessages.json(codec.encode(decoded.envelope())).path("payload"))
                    .isEqualTo(SampleMessages.json(text).path("payload"));
        });
    }

    @Test
    void anUnknownNodeCountIsOmittedOnTheWireAndDecodesAsUnknown() {
        EnvironmentStatus full = SampleMessages.environmentStatus();
        EnvironmentStatus unknownNodes = new EnvironmentStatus(full.kubernetesVersion(), full.kubernetesDistribution(),
                null, full.capacity(), full.storageClasses(), full.volumeSnapshotClasses(), full.components(),
                full.observedAt());
        Envelope<ProtocolMessage> envelope = new Envelope<>(1, "s-2", Instant.parse("2026-11-24T10:00:00Z"), unknownNodes);

        String text = codec.encode(envelope);

        assertThat(SampleMessages.json(text).path("payload").has("nodeCount")).isFalse();
        assertThat(codec.decodeFromAgent(text)).isEqualTo(new DecodeResult.Decoded<>(envelope));
    }

    @Test
    void aComponentPhaseFromANewerAgentIsNotReadyWithThePhaseNamed() {
        DecodeResult<AgentMessage> result = codec.decodeFromAgent("""
                {"v":1,"type":"environment-status","id":"s-1","ts":"2026-11-24T10:00:00Z","payload":{
                  "kubernetes":{"version":"v1.31.2","distribution":"K3S"},"nodeCount":3,"capacity":{},
                  "storageClasses":[],"volumeSnapshotClasses":[],"observedAt":"2026-11-24T10:00:00Z",
                  "components":[
                    {"name":"qdrant-operator","phase":"READY"},
                    {"name":"qdrant-cluster-exporter","phase":"DEGRADED","message":"1 of 2 replicas"}]}}""");

        assertThat(result).isInstanceOfSatisfying(DecodeResult.Decoded.class, decoded -> {
            List<ComponentStatus> components = ((EnvironmentStatus) decoded.envelope().message()).components();
            assertThat(components).extracting(ComponentStatus::phase)
                    .containsExactly(ComponentPhase.READY, ComponentPhase.NOT_READY);
            assertThat(components.get(1).message())
                    .isEqualTo("phase \"DEGRADED\" is unknown to this control plane: 1 of 2 replicas");
        });
    }
}
