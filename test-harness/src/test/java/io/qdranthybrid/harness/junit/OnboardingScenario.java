package io.qdranthybrid.harness.junit;

import io.qdranthybrid.harness.cluster.ClusterUnderTest;
import io.qdranthybrid.harness.controlplane.EnvironmentView;
import io.qdranthybrid.harness.stack.HybridEnvironment;
import io.qdranthybrid.harness.timeline.Timeline;
import io.qdranthybrid.harness.timeline.TimelineEvent;
import io.qdranthybrid.harness.timeline.TimelineSource;
import io.qdranthybrid.platform.environment.EnvironmentPhase;
import io.qdranthybrid.protocol.message.ComponentPhase;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Onboarding written once and run on every cluster kind: each subclass only chooses the cluster with its
 * annotation. Onboarding is left to the test (onboard = false) so that it can watch it from the start.
 */
abstract class OnboardingScenario {

    @Test
    void bootstrapConnectsTheAgentAndTheEnvironmentBecomesReadyWithItsComponents(HybridEnvironment env,
                                                                                Timeline timeline,
                                                                                ClusterUnderTest cluster) {
        assertThat(env.view().phase()).isEqualTo(EnvironmentPhase.UNKNOWN);
        assertThat(env.stack().agent()).isEmpty();

        env.onboard();

        EnvironmentView ready = env.awaitReady(Duration.ofSeconds(120));
        assertThat(ready.connected()).isTrue();
        assertThat(ready.bootstrapped()).isTrue();
        assertThat(ready.namespace()).isEqualTo(env.namespace());
        assertThat(ready.nodeCount()).isEqualTo(cluster.client().nodes().list().getItems().size());
        assertThat(ready.components()).isNotEmpty()
                .allSatisfy(component -> assertThat(component.phase()).isEqualTo(ComponentPhase.READY));
        assertThat(timeline.events(TimelineSource.ENVIRONMENT)).filteredOn(e -> e.event().equals("phase"))
                .extracting(TimelineEvent::detail).containsSubsequence("UNKNOWN", "READY");
        assertThat(timeline.events(TimelineSource.CONTROL_PLANE)).extracting(TimelineEvent::event)
                .containsSubsequence("environment-created", "environment-bootstrapped", "agent-connected");
    }
}
