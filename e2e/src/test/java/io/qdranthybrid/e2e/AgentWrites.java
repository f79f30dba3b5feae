package io.qdranthybrid.e2e;

import io.qdranthybrid.harness.cluster.SimulatedCluster;
import io.qdranthybrid.harness.kube.ApiCall;
import io.qdranthybrid.harness.kube.Verb;
import io.qdranthybrid.harness.stack.HybridEnvironment;
import io.qdranthybrid.harness.stack.HybridStack;

import java.util.List;

/**
 * The writes the agent made in its namespace, as the simulated API server's request journal recorded them: the
 * evidence that an instruction was applied once, not once per delivery or per restart.
 */
final class AgentWrites {

    private final SimulatedCluster cluster;
    private final String namespace;

    private AgentWrites(SimulatedCluster cluster, String namespace) {
        this.cluster = cluster;
        this.namespace = namespace;
    }

    static AgentWrites of(HybridEnvironment env) {
        return new AgentWrites(env.cluster().simulated().orElseThrow(() -> new IllegalStateException(
                "the request journal exists on the simulated cluster only, not on " + env.cluster().description())),
                env.namespace());
    }

    /** Successful writes of the agent to {@code resource} (plural, e.g. {@code qdrantclusters}), oldest first. */
    List<ApiCall> to(String resource) {
        return cluster.api().journal().writeCalls().stream()
                .filter(call -> call.succeeded() && call.from(HybridStack.AGENT_USER_AGENT)
                        && namespace.equals(call.namespace()) && resource.equals(call.resource()))
                .toList();
    }

    /**
     * Successful updates, patches and deletions of the object {@code name} by the agent. Creations are not among
     * them: a create request names no object in its path, only in its body; count them with {@link #creations}.
     */
    List<ApiCall> to(String resource, String name) {
        return to(resource).stream().filter(call -> name.equals(call.name())).toList();
    }

    /** Successful creations of {@code resource} objects by the agent. */
    long creations(String resource) {
        return to(resource).stream().filter(call -> call.verb() == Verb.CREATE).count();
    }
}
