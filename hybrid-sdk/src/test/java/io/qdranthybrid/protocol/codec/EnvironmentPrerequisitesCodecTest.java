package io.qdranthybrid.protocol.codec;

import io.qdranthybrid.protocol.message.EnvironmentStatus;
import io.qdranthybrid.protocol.message.Envelope;
import io.qdranthybrid.protocol.message.NodeCapacity;
import io.qdranthybrid.protocol.message.PrerequisiteCheck;
import io.qdranthybrid.protocol.message.PrerequisiteVerdict;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The prerequisites in the environment status: optional both ways, so agents and control planes mix versions. */
class EnvironmentPrerequisitesCodecTest {

    private static final Instant AT = Instant.parse("2026-12-07T07:00:00Z");
    private final MessageCodec codec = new MessageCodec();

    private static EnvironmentStatus status() {
        return new EnvironmentStatus("v1.31.4", "K3S", 3, new NodeCapacity("12", "48Gi", "300Gi"), List.of("standard"),
                List.of(), List.of(), AT);
    }

    @Test
    void prerequisitesSurviveTheRoundTrip() {
        EnvironmentStatus status = status().withPrerequisites(List.of(
                PrerequisiteCheck.pass("Kubernetes version", "v1.31.4"),
                PrerequisiteCheck.warn("VolumeSnapshotClass (backups)", "no VolumeSnapshotClass", "create one")));
        Envelope<EnvironmentStatus> envelope = new Envelope<>(1, "e-1", AT, status);

        assertThat(codec.decodeFromAgent(codec.encode(envelope))).isEqualTo(new DecodeResult.Decoded<>(envelope));
    }

    @Test
    void aStatusWithoutPrerequisitesEncodesAsBefore() {
        String text = codec.encode(new Envelope<>(1, "e-2", AT, status()));

        assertThat(text).doesNotContain("prerequisites");
    }

    @Test
    void aVerdictFromANewerAgentIsShownAsAWarningNamingIt() {
        DecodeResult<?> result = codec.decodeFromAgent("""
                {"v":1,"type":"environment-status","id":"e-3","ts":"2026-12-07T07:00:00Z","payload":{
                 "kubernetes":{"version":"v1.31.4","distribution":"K3S"},"capacity":{},
                 "storageClasses":[],"volumeSnapshotClasses":[],"components":[],"observedAt":"2026-12-07T07:00:00Z",
                 "prerequisites":[{"name":"GPU drivers","verdict":"INFO","found":"none","advice":""}]}}""");

        assertThat(result).isInstanceOfSatisfying(DecodeResult.Decoded.class, decoded -> {
            EnvironmentStatus status = (EnvironmentStatus) decoded.envelope().message();
            assertThat(status.prerequisites()).containsExactly(new PrerequisiteCheck("GPU drivers",
                    PrerequisiteVerdict.WARN, "verdict \"INFO\" is unknown to this control plane: none", ""));
        });
    }
}
