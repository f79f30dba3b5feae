package io.qdranthybrid.platform.environment;

import io.qdranthybrid.protocol.SampleMessages;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 18 item 4: a delete waits for a present agent; only a stale agent's resources may be forced. */
class ForceDeletePolicyTest {

    private final Environment environment = Environment.create("env-1", "prod", "qdrant",
            EnvironmentConfiguration.defaults(), SampleMessages.T0);
    private final Staleness fresh = new Staleness(false, SampleMessages.T0, SampleMessages.T0.plusSeconds(300),
            "the agent is connected");
    private final Staleness stale = new Staleness(true, SampleMessages.T0, SampleMessages.T0.plusSeconds(300),
            "no word from the agent since " + SampleMessages.T0);
    private final Staleness neverHeard = new Staleness(true, null, null, "the agent has never connected");

    @Test
    void aPlainDeleteIsRefusedOnlyWhileTheAgentIsGoneAndPointsToForce() {
        assertThat(ForceDeletePolicy.refusePlainDelete("cluster orders", environment, fresh)).isEmpty();
        assertThat(ForceDeletePolicy.refusePlainDelete("cluster orders", environment, neverHeard))
                .as("nothing was created, so nothing waits for the agent").isEmpty();
        assertThat(ForceDeletePolicy.refusePlainDelete("cluster orders", environment, stale)).hasValueSatisfying(why ->
                assertThat(why).contains("cluster orders reads UNKNOWN").contains("no word from the agent")
                        .contains("force=true").contains("namespace qdrant"));
    }

    @Test
    void aForcedDeleteIsAllowedOnlyWhileStale() {
        assertThat(ForceDeletePolicy.refuseForcedDelete("cluster orders", stale)).isEmpty();
        assertThat(ForceDeletePolicy.refuseForcedDelete("cluster orders", neverHeard)).isEmpty();
        assertThat(ForceDeletePolicy.refuseForcedDelete("cluster orders", fresh)).hasValueSatisfying(why ->
                assertThat(why).contains("force=true is allowed only while cluster orders reads UNKNOWN")
                        .contains("the agent is connected"));
    }

    @Test
    void leftoversNameTheNamespaceAndTheCleanup() {
        assertThat(ForceDeletePolicy.clusterLeftovers("qdrant", "orders", "qdrant-orders"))
                .contains("leftovers remain in namespace qdrant").contains("QdrantCluster qdrant-orders")
                .contains("If the agent comes back, it deletes them").contains("cleanup --namespace qdrant");
        assertThat(ForceDeletePolicy.environmentLeftovers("qdrant"))
                .contains("leftovers remain in namespace qdrant").contains("cleanup --namespace qdrant --force");
    }

    @Test
    void anUnknownStatusKeepsWhatWasLastReported() {
        assertThat(ForceDeletePolicy.unknownReason("Healthy", "3 of 3 ready", stale))
                .startsWith("unknown since " + SampleMessages.T0.plusSeconds(300))
                .contains("last reported Healthy (3 of 3 ready)").contains("force=true");
        assertThat(ForceDeletePolicy.unknownReason("", "", stale)).contains("nothing reported yet");
    }
}
