package io.qdranthybrid.protocol.codec;

import io.qdranthybrid.protocol.message.ControlPlaneMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A query the agent cannot read is rejected like any malformed message, with its id so it can be Nacked. */
class QueryMessagesCodecTest {

    private final MessageCodec codec = new MessageCodec();

    @Test
    void aQueryWhoseArgsAreNotAnObjectIsMalformed() {
        DecodeResult<ControlPlaneMessage> result = codec.decodeFromControlPlane("{\"v\":1,\"type\":\"query\",\"id\":\"e-9\","
                + "\"ts\":\"2026-01-01T00:00:00Z\",\"payload\":{\"queryId\":\"q\",\"name\":\"cluster-logs\",\"args\":[1]}}");
        assertThat(result).isInstanceOfSatisfying(DecodeResult.Malformed.class, m -> {
            assertThat(m.envelopeId()).isEqualTo("e-9");
            assertThat(m.reason()).contains("args");
        });
    }

    @Test
    void aQueryResultIsNeverSentByTheControlPlane() {
        DecodeResult<ControlPlaneMessage> result = codec.decodeFromControlPlane("{\"v\":1,\"type\":\"query-result\","
                + "\"id\":\"e-9\",\"ts\":\"2026-01-01T00:00:00Z\",\"payload\":{\"queryId\":\"q\",\"seq\":0,\"last\":true}}");
        assertThat(result).isInstanceOf(DecodeResult.Malformed.class);
    }
}
