package io.qdranthybrid.platform.environment;

import io.qdranthybrid.protocol.MutableClock;
import io.qdranthybrid.protocol.SampleMessages;
import io.qdranthybrid.protocol.message.ComponentPhase;
import io.qdranthybrid.protocol.message.NackReason;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.qdranthybrid.platform.PlatformFixture.environmentStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link EnvironmentRegistry} must do, whatever it stores in. A backend's test extends this and says how
 * to make an empty registry; the in-memory one is {@code InMemoryEnvironmentRegistryTest}.
 */
public abstract class EnvironmentRegistryContract {

    protected final MutableClock clock = new MutableClock(SampleMessages.T0);
    protected EnvironmentRegistry registry;

    /** An empty registry that stamps times from {@code clock}. */
    protected abstract EnvironmentRegistry newRegistry(Clock clock);

    @BeforeEach
    void createRegistry() {
        registry = newRegistry(clock);
    }

    @Test
    void createdEnvironmentsHaveAnIdTimesAndTheirConfiguration() {
        EnvironmentConfiguration config = EnvironmentConfiguration.builder()
                .proxy("http://proxy:3128", "http://proxy:3128", List.of(".svc", "10.0.0.0/8"))
                .storageClasses("fast-ssd", "standard", "csi-snapclass").logLevel(LogLevel.DEBUG)
                .controlPlaneLabels(Map.of("team", "search")).build();

        Environment created = registry.create("prod-eu_1", "qdrant", config);

        assertThat(created.id()).isNotBlank();
        assertThat(created.createdAt()).isEqualTo(SampleMessages.T0).isEqualTo(created.updatedAt());
        assertThat(registry.require(created.id()).configuration()).isEqualTo(config);
        assertThat(registry.list()).containsExactly(created);
    }

    @Test
    void environmentsAreListedInCreationOrder() {
        Environment first = registry.create("first", "qdrant", EnvironmentConfiguration.defaults());
        clock.advance(Duration.ofSeconds(1));
        Environment second = registry.create("second", "qdrant", EnvironmentConfiguration.defaults());
        clock.advance(Duration.ofSeconds(1));
        Environment third = registry.create("third", "qdrant", EnvironmentConfiguration.defaults());

        assertThat(registry.list()).extracting(Environment::id).containsExactly(first.id(), second.id(), third.id());
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
    void whatTheAgentReportedIsKeptWithTheEnvironment() {
        Environment created = registry.create("prod", "qdrant", EnvironmentConfiguration.defaults());
        clock.advance(Duration.ofSeconds(30));

        Environment observed = registry.update(created.id(), e -> e
                .withObservedStatus(environmentStatus(clock.instant(), ComponentPhase.READY, ComponentPhase.NOT_READY),
                        clock.instant())
                .withSyncFailure(new SyncFailure(4, NackReason.MALFORMED, "bad manifest", clock.instant())));

        Environment read = registry.require(created.id());
        assertThat(read).isEqualTo(observed);
        assertThat(read.lastContactAt()).isEqualTo(SampleMessages.T0.plus(Duration.ofSeconds(30)));
        assertThat(read.syncFailureIfAny()).map(SyncFailure::reason).contains(NackReason.MALFORMED);
    }

    @Test
    void aFailedChangeLeavesTheEnvironmentAsItWas() {
        Environment created = registry.create("prod", "qdrant", EnvironmentConfiguration.defaults());

        assertThatThrownBy(() -> registry.update(created.id(), e -> {
            throw new IllegalStateException("the platform refused");
        })).hasMessageContaining("the platform refused");

        assertThat(registry.require(created.id())).isEqualTo(created);
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
        assertThat(registry.find("nope")).isEmpty();
        assertThat(registry.find(null)).isEmpty();
    }

    @Test
    void aDeletedEnvironmentIsGoneAndTheOthersStay() {
        Environment gone = registry.create("gone", "qdrant", EnvironmentConfiguration.defaults());
        Environment kept = registry.create("kept", "qdrant", EnvironmentConfiguration.defaults());

        assertThat(registry.delete(gone.id())).isTrue();

        assertThat(registry.delete(gone.id())).isFalse();
        assertThat(registry.find(gone.id())).isEmpty();
        assertThat(registry.list()).containsExactly(kept);
    }
}
