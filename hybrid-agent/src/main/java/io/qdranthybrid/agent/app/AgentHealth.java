package io.qdranthybrid.agent.app;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.util.Map;

/**
 * Readiness: the agent's informers have synced. The control-plane connection is deliberately not part of it (it is
 * shown in the details): an outage of the control plane or of the customer's egress must not make Kubernetes
 * restart or unroute the agent, which would only lose its buffered statuses. Liveness is Micronaut's own: the
 * process answers, independent of the control plane and of the API server.
 */
@Singleton
@Readiness
@Requires(notEnv = DoctorCommand.ENVIRONMENT)
final class AgentHealth implements HealthIndicator {

    private final AgentRuntime runtime;

    AgentHealth(AgentRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        var agent = runtime.agent();
        boolean ready = agent.isReady();
        return Publishers.just(HealthResult.builder("qdrant-cloud-agent", ready ? HealthStatus.UP : HealthStatus.DOWN)
                .details(Map.of("namespace", agent.namespace(), "controlPlane", agent.connectionState().name(),
                        "lastAppliedRevision", agent.lastAppliedRevision()))
                .build());
    }
}
