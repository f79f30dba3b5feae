package io.qdranthybrid.platform.environment;

import io.qdranthybrid.protocol.MutableClock;
import io.qdranthybrid.protocol.SampleMessages;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InMemoryEnvironmentRegistryTest {

    private final MutableClock clock = new MutableClock(SampleMessages.T0);
    private final InMemoryEnvironmentRegistry registry = new InMemoryEnvironmentRegistry(clock);

    @Test
    void createdEnvironmentsHaveAnIdTimesAndTheirConfiguration() {
        EnvironmentConfiguration config = EnvironmentConfiguration.builder()
                .proxy("http://proxy:3128", "http://proxy:3128", List.of(".svc", "10.0.0.0/8"))
                .storageClasses("fast-ssd", "standard", "csi-snapclass").logLevel(LogLevel.DEBUG).build();

        Environment created = registry.create("prod-eu_1", "qdrant", config);

        assertThat(created.id()).isNotBlank();
        assertThat(created.createdAt()).isEqualTo(SampleMessages.T0).isEqualTo(created.updatedAt());
        assertThat(registry.require(created.id()).configuration()).isEqualTo(config);
        assertThat(registry.list()).containsExactly(created);
    }

    @Test
    void theNamespaceCanChangeUntilBootstrapCommandsWereGenerated() {
        Environment created = registry.create("prod", "qdrant", EnvironmentConfiguration.defaults());
        clock.advance(Duration.ofMinutes(1));

        Environment moved = registry.update(created.id(), e -> e.withNamespace("qdrant-prod", clock.instant()));
        registry.update(created.id(), e -> e.markBootstrapped(clock.instant()));

        assertThat(moved.namespace()).isEqualTo("qdrant-prod");
        assertThat(moved.updatedAt()).isEqualTo(SampleMessages.T0.plus(Duration.ofMinutes(1)));
        assertThatThrownBy(() -> registry.update(created.id(), e -> e.withNamespace("other", clock.instant())))
                .isInstanceOf(NamespaceLockedException.class).hasMessageContaining("cannot move to other");
        assertThat(registry.require(created.id()).namespace()).isEqualTo("qdrant-prod");
        // Everything else stays editable.
        registry.update(created.id(), e -> e.withConfiguration(
                EnvironmentConfiguration.builder().logLevel(LogLevel.WARN).build(), clock.instant()));
        assertThat(registry.require(created.id()).configuration().logLevel()).isEqualTo(LogLevel.WARN);
    }

    @Test
    void invalidNamesAndNamespacesAreRefusedWithTheRule() {
        assertThatThrownBy(() -> registry.create("has space", "qdrant", EnvironmentConfiguration.defaults()))
                .hasMessageContaining("letters, digits, '-' and '_'");
        assertThatThrownBy(() -> registry.create("ok", "Qdrant_NS", EnvironmentConfiguration.defaults()))
                .hasMessageContaining("DNS-1123 label");
        assertThat(registry.list()).isEmpty();
    }

    @Test
    void updatingAnUnknownEnvironmentSaysWhich() {
        assertThatThrownBy(() -> registry.update("nope", e -> e))
                .isInstanceOf(UnknownEnvironmentException.class).hasMessageContaining("nope");
    }
}
