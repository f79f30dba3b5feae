package io.qdranthybrid.harness.controlplane;

import io.qdranthybrid.platform.access.AccessKeys;
import io.qdranthybrid.platform.desired.DesiredStateStore;
import io.qdranthybrid.platform.desired.DesiredStateStores;
import io.qdranthybrid.platform.environment.AgentStaleness;
import io.qdranthybrid.platform.environment.Environment;
import io.qdranthybrid.platform.environment.EnvironmentRegistry;
import io.qdranthybrid.platform.environment.Staleness;
import io.qdranthybrid.platform.session.AgentGateway;

import java.time.Clock;

/** The SDK parts every part of the simulated control plane works on, wired once by {@link SimulatedControlPlane}. */
record ControlPlaneContext(ControlPlaneSettings settings, EnvironmentRegistry registry, AccessKeys accessKeys,
                           DesiredStateStores stores, ReportingStatusSink statuses, AgentGateway gateway,
                           ControlPlaneEvents events) {

    Clock clock() {
        return settings.clock();
    }

    /** How stale the environment's agent is, with the same window as its UNKNOWN phase. */
    Staleness staleness(Environment environment) {
        return new AgentStaleness(clock(), settings.silenceWindow())
                .of(environment, gateway.presence(environment.id()));
    }

    /** @throws NotFoundException naming the id when no such environment is registered */
    Environment requireEnvironment(String environmentId) {
        if (environmentId == null || environmentId.isBlank()) {
            throw new InvalidRequestException("an environment id is required");
        }
        return registry.find(environmentId).orElseThrow(() -> new NotFoundException(
                "no hybrid cloud environment with id " + environmentId));
    }

    /** The desired state of an existing environment. */
    DesiredStateStore desired(String environmentId) {
        requireEnvironment(environmentId);
        return stores.forEnvironment(environmentId);
    }
}
