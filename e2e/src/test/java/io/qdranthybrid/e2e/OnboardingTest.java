package io.qdranthybrid.e2e;

import io.qdranthybrid.harness.controlplane.EnvironmentView;
import io.qdranthybrid.harness.junit.HybridCloudTest;
import io.qdranthybrid.harness.stack.HybridEnvironment;
import io.qdranthybrid.harness.timeline.Timeline;
import io.qdranthybrid.harness.timeline.TimelineEvent;
import io.qdranthybrid.harness.timeline.TimelineSource;
import io.qdranthybrid.platform.environment.EnvironmentPhase;
import io.qdranthybrid.protocol.message.ComponentPhase;
import io.qdranthybrid.protocol.message.ComponentStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A new environment from registration to READY: bootstrap, the agent connects, the components come up. */
@HybridCloudTest(onboard = false)
class OnboardingTest {

    /** How the agent lists itself among the environment's components. */
    private static final String AGENT_COMPONENT = "qdrant-cloud-agent";

    @Test
    void bootstrappedAgentConnectsAndEnvironmentBecomesReadyWithItsComponents(HybridEnvironment env,
                                                                              Timeline timeline) {
        EnvironmentView registered = env.view();
        assertThat(registered.bootstrapped()).isFalse();
        assertThat(registered.connected()).isFalse();
        assertThat(registered.phase()).isNotEqualTo(EnvironmentPhase.READY);

        env.onboard();
        timeline.mark("bootstrap commands run");
        EnvironmentView ready = env.awaitReady(Waits.CONVERGE);

        assertThat(ready.bootstrapped()).isTrue();
        assertThat(ready.connected()).isTrue();
        assertThat(ready.lastContactAt()).isAfter(registered.createdAt());
        assertThat(ready.kubernetesVersion()).isNotBlank();
        assertThat(ready.nodeCount()).isEqualTo(3);
        assertThat(ready.storageClasses()).isNotEmpty();
        // The simulated install runs the operator in-process, so the agent is the one component it installs.
        assertThat(ready.components()).extracting(ComponentStatus::name).contains(AGENT_COMPONENT);
        assertThat(ready.components()).allSatisfy(component -> {
            assertThat(component.phase()).as(component.name() + ": " + component.message())
                    .isEqualTo(ComponentPhase.READY);
            assertThat(component.namespace()).isEqualTo(env.namespace());
            assertThat(component.version()).isNotBlank();
        });
        assertThat(timeline.events()).extracting(TimelineEvent::event).containsSubsequence(
                "environment-bootstrapped", "agent-connected", "environment-status");
        assertThat(timeline.first(e -> e.is(TimelineSource.ENVIRONMENT, env.id(), "phase", "READY"))).isPresent();
    }
}
