package io.qdranthybrid.reconcile;

import io.fabric8.kubernetes.api.model.Condition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConditionsTest {

    private final SettableClock clock = new SettableClock("2026-01-01T10:00:00.250Z");
    private final Conditions conditions = new Conditions(clock);
    private final List<Condition> list = new ArrayList<>();

    private void advance() {
        clock.advance(Duration.ofMinutes(1));
    }

    private Condition ready() {
        return Conditions.find(list, "Ready").orElseThrow();
    }

    @Test
    void newConditionIsAddedWithTransitionTimeNow() {
        assertThat(conditions.set(list, "Ready", Conditions.FALSE, "Creating", "waiting for pods", 1L)).isTrue();

        assertThat(list).hasSize(1);
        assertThat(ready().getStatus()).isEqualTo("False");
        assertThat(ready().getReason()).isEqualTo("Creating");
        assertThat(ready().getMessage()).isEqualTo("waiting for pods");
        assertThat(ready().getObservedGeneration()).isEqualTo(1L);
        assertThat(ready().getLastTransitionTime()).isEqualTo("2026-01-01T10:00:00Z");
    }

    @Test
    void settingTheSameConditionAgainIsNoChange() {
        conditions.set(list, "Ready", Conditions.TRUE, "Running", "all pods ready", 2L);
        advance();

        assertThat(conditions.set(list, "Ready", Conditions.TRUE, "Running", "all pods ready", 2L)).isFalse();
        assertThat(ready().getLastTransitionTime()).isEqualTo("2026-01-01T10:00:00Z");
    }

    @Test
    void newReasonOrGenerationIsAChangeButKeepsTheTransitionTime() {
        conditions.set(list, "Ready", Conditions.FALSE, "Creating", "waiting", 1L);
        advance();

        assertThat(conditions.set(list, "Ready", Conditions.FALSE, "Scaling", "waiting", 1L)).isTrue();
        assertThat(conditions.set(list, "Ready", Conditions.FALSE, "Scaling", "waiting", 2L)).isTrue();
        assertThat(ready().getLastTransitionTime()).isEqualTo("2026-01-01T10:00:00Z");
        assertThat(ready().getObservedGeneration()).isEqualTo(2L);
    }

    @Test
    void statusFlipMovesTheTransitionTime() {
        conditions.set(list, "Ready", Conditions.FALSE, "Creating", "waiting", 1L);
        advance();

        assertThat(conditions.set(list, "Ready", Conditions.TRUE, "Running", "ready", 1L)).isTrue();
        assertThat(ready().getLastTransitionTime()).isEqualTo("2026-01-01T10:01:00Z");
        assertThat(Conditions.isTrue(list, "Ready")).isTrue();
        assertThat(Conditions.isTrue(list, "Healthy")).isFalse();
    }

    @Test
    void conditionsOfOtherTypesAreLeftAlone() {
        conditions.set(list, "Ready", Conditions.TRUE, "Running", "ready", 1L);
        conditions.set(list, "RecoveryMode", Conditions.FALSE, "Normal", "", 1L);

        assertThat(list).extracting(Condition::getType).containsExactly("Ready", "RecoveryMode");
    }

    @Test
    void invalidStatusIsRejected() {
        assertThatThrownBy(() -> conditions.set(list, "Ready", "true", "r", "m", 1L))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("True");
        assertThat(list).isEmpty();
    }
}
