package io.qdranthybrid.protocol.message;

import io.qdranthybrid.protocol.SampleMessages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessKeyTest {

    @Test
    void parsesUuidAndSecretAndRevealsThemOnlyForTheWire() {
        AccessKey key = AccessKey.parse("7b0c6f0e-3c52-4a8e-9a59-0c0a2d1b5e11|abc|def");

        assertThat(key.keyId()).isEqualTo(UUID.fromString("7b0c6f0e-3c52-4a8e-9a59-0c0a2d1b5e11"));
        assertThat(key.reveal()).isEqualTo("7b0c6f0e-3c52-4a8e-9a59-0c0a2d1b5e11|abc|def");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "no-bar-at-all", "not-a-uuid|secret", "7b0c6f0e-3c52-4a8e-9a59-0c0a2d1b5e11|",
            "7b0c6f0e-3c52-4a8e-9a59-0c0a2d1b5e11|with space"})
    void rejectsKeysNotInTheUuidBarSecretFormatWithoutEchoingThem(String text) {
        assertThatThrownBy(() -> AccessKey.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("accessKey")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("with space"));
    }

    @Test
    void neitherTheKeyNorTheHelloShowTheSecretInToString() {
        assertThat(SampleMessages.ACCESS_KEY.toString()).doesNotContain(SampleMessages.SECRET).contains("redacted");
        assertThat(SampleMessages.hello().toString())
                .doesNotContain(SampleMessages.SECRET)
                .contains(SampleMessages.ENVIRONMENT_ID);
    }
}
