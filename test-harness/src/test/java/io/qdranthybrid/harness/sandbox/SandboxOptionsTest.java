package io.qdranthybrid.harness.sandbox;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SandboxOptionsTest {

    @Test
    void withoutArgumentsPlaysTheDemoAndKeepsRunning() {
        SandboxOptions options = SandboxOptions.parse(List.of());

        assertThat(options.scenario()).contains("demo");
        assertThat(options.exit()).isFalse();
        assertThat(options.port()).isEmpty();
        assertThat(options.timeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(options.timeline()).isEmpty();
        assertThat(options.verbose()).isFalse();
        assertThat(options.database()).as("in memory by default").isEmpty();
    }

    @Test
    void postgresUrlTakesTheUserFromTheCommandLineOrEnvironmentAndThePasswordOnlyFromTheEnvironment() {
        Map<String, String> environment = Map.of("QDRANT_HYBRID_POSTGRES_USER", "platform",
                "QDRANT_HYBRID_POSTGRES_PASSWORD", "s3cret");

        SandboxDatabase fromEnvironment = SandboxOptions.parse(
                List.of("--postgres-url", "jdbc:postgresql://db:5432/platform"), environment).database().orElseThrow();
        SandboxDatabase userGiven = SandboxOptions.parse(List.of("--postgres-url",
                "jdbc:postgresql://db:5432/platform", "--postgres-user", "admin"), environment).database().orElseThrow();

        assertThat(fromEnvironment).isEqualTo(new SandboxDatabase("jdbc:postgresql://db:5432/platform", "platform",
                "s3cret"));
        assertThat(userGiven.user()).isEqualTo("admin");
        assertThat(userGiven.password()).isEqualTo("s3cret");
        assertThat(userGiven.toString()).doesNotContain("s3cret");
        assertThatThrownBy(() -> SandboxOptions.parse(List.of("--postgres-password", "s3cret"), environment))
                .as("no password on the command line, where ps shows it")
                .hasMessage("unknown option '--postgres-password'");
    }

    @Test
    void postgresMistakesAreNamed() {
        assertThatThrownBy(() -> SandboxOptions.parse(List.of("--postgres-url", "postgres://db/platform"), Map.of()))
                .hasMessageContaining("--postgres-url needs a PostgreSQL JDBC URL");
        assertThatThrownBy(() -> SandboxOptions.parse(List.of("--postgres-user", "admin"), Map.of()))
                .hasMessage("--postgres-user needs --postgres-url");
    }

    @Test
    void smokeTestFormExitsAfterTheDemo() {
        SandboxOptions options = SandboxOptions.parse(List.of("--scenario", "demo", "--exit", "--port", "0",
                "--timeout", "2m", "--timeline", "target/demo.json", "--verbose"));

        assertThat(options.scenario()).contains("demo");
        assertThat(options.exit()).isTrue();
        assertThat(options.port()).hasValue(0);
        assertThat(options.timeline()).contains(Path.of("target/demo.json"));
        assertThat(options.timeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(options.verbose()).isTrue();
    }

    @Test
    void timeoutAcceptsSecondsMillisecondsAndIso() {
        assertThat(SandboxOptions.parse(List.of("--timeout", "90s")).timeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(SandboxOptions.parse(List.of("--timeout", "500ms")).timeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(SandboxOptions.parse(List.of("--timeout", "PT3M")).timeout()).isEqualTo(Duration.ofMinutes(3));
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> SandboxOptions.parse(List.of("--scenario", "chaos")))
                .hasMessageContaining("unknown scenario 'chaos'");
        assertThatThrownBy(() -> SandboxOptions.parse(List.of("--port")))
                .hasMessage("--port needs a value");
        assertThatThrownBy(() -> SandboxOptions.parse(List.of("--port", "http")))
                .hasMessageContaining("--port needs a number");
        assertThatThrownBy(() -> SandboxOptions.parse(List.of("--timeout", "soon")))
                .hasMessageContaining("--timeout needs a duration");
        assertThatThrownBy(() -> SandboxOptions.parse(List.of("--scenario", "none", "--exit")))
                .hasMessageContaining("--exit needs a scenario");
        assertThatThrownBy(() -> SandboxOptions.parse(List.of("--fast")))
                .hasMessage("unknown option '--fast'");
    }

    @Test
    void capacityAndAdvertisedUrlAreTaken() {
        SandboxOptions options = SandboxOptions.parse(List.of("--nodes", "5", "--node-cpu", "2500m", "--node-memory",
                "8Gi", "--advertise-url", "ws://my-laptop.example:8080"));

        assertThat(options.nodes()).isEqualTo(5);
        assertThat(options.nodeCpu()).isEqualTo("2500m");
        assertThat(options.nodeMemory()).isEqualTo("8Gi");
        assertThat(options.advertiseUrl()).hasValue(java.net.URI.create("ws://my-laptop.example:8080"));
        assertThat(SandboxOptions.parse(List.of()).nodes()).isEqualTo(3);
    }

    @Test
    void capacityAndUrlMistakesAreNamed() {
        assertThatThrownBy(() -> SandboxOptions.parse(List.of("--nodes", "0")))
                .hasMessageContaining("--nodes 0 is outside 1-100");
        assertThatThrownBy(() -> SandboxOptions.parse(List.of("--node-cpu", "lots")))
                .hasMessageContaining("--node-cpu needs a positive Kubernetes quantity such as 4 or 2500m");
        assertThatThrownBy(() -> SandboxOptions.parse(List.of("--node-memory", "0Gi")))
                .hasMessageContaining("--node-memory needs a positive Kubernetes quantity");
        assertThatThrownBy(() -> SandboxOptions.parse(List.of("--advertise-url", "http://host:8080")))
                .hasMessageContaining("--advertise-url needs a ws:// or wss:// URL");
    }

    @Test
    void helpDocumentsEveryOption() {
        assertThat(SandboxOptions.USAGE).contains("--scenario", "--exit", "--port", "--timeout", "--timeline",
                "--verbose", "--nodes", "--node-cpu", "--node-memory", "--advertise-url", "--help");
    }
}
