package io.qdranthybrid.protocol.client;

import io.qdranthybrid.protocol.SampleMessages;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgentConnectionSettingsTest {

    private static AgentConnectionSettings.Builder to(String url) {
        return AgentConnectionSettings.builder(URI.create(url), SampleMessages.ENVIRONMENT_ID, SampleMessages.ACCESS_KEY,
                "1.2.3");
    }

    @Test
    void aPlaintextUrlIsRefusedByDefaultBecauseTheAccessKeyWouldTravelInClear() {
        assertThatThrownBy(() -> to("ws://control-plane.example.com/agent/v1").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("plaintext ws://").hasMessageContaining("access key unencrypted")
                .hasMessageContaining("allow-insecure");
    }

    @Test
    void aPlaintextUrlIsAcceptedOnlyWhenInsecureIsAllowedExplicitly() {
        AgentConnectionSettings settings = to("ws://127.0.0.1:8080/agent/v1").allowInsecure(true).build();

        assertThat(settings.plaintext()).isTrue();
        assertThat(settings.allowInsecure()).isTrue();
    }

    @Test
    void aTlsUrlNeedsNoOptIn() {
        assertThat(to("wss://control-plane.example.com/agent/v1").build().plaintext()).isFalse();
        assertThat(to("WSS://control-plane.example.com/agent/v1").build().plaintext()).isFalse();
    }

    @Test
    void anotherSchemeIsRefused() {
        assertThatThrownBy(() -> to("https://control-plane.example.com/agent/v1").allowInsecure(true).build())
                .hasMessageContaining("must start with wss://");
    }
}
