package io.qdranthybrid.harness.controlplane;

import io.qdranthybrid.platform.environment.Environment;
import io.qdranthybrid.platform.environment.EnvironmentConfiguration;
import io.qdranthybrid.platform.environment.EnvironmentRegistry;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A registry (in memory unless the sandbox was given a database), announcing each new environment status an agent
 * reports (the gateway writes those straight into the registry). Contact timestamps change on every heartbeat and are
 * not announced.
 */
final class ReportingEnvironmentRegistry implements EnvironmentRegistry {

    private final EnvironmentRegistry delegate;
    private final ControlPlaneEvents events;

    ReportingEnvironmentRegistry(EnvironmentRegistry delegate, ControlPlaneEvents events) {
        this.delegate = delegate;
        this.events = events;
    }

    @Override
    public Environment create(String name, String namespace, EnvironmentConfiguration configuration) {
        return delegate.create(name, namespace, configuration);
    }

    @Override
    public Optional<Environment> find(String environmentId) {
        return delegate.find(environmentId);
    }

    @Override
    public List<Environment> list() {
        return delegate.list();
    }

    @Override
    public Environment update(String environmentId, UnaryOperator<Environment> change) {
        Environment[] before = new Environment[1];
        Environment after = delegate.update(environmentId, current -> {
            before[0] = current;
            return change.apply(current);
        });
        if (!Objects.equals(before[0].lastStatus(), after.lastStatus())) {
            events.publish(ControlPlaneEvent.Type.ENVIRONMENT_STATUS, environmentId, "",
                    after.lastStatus() == null ? "" : after.lastStatus().components().size() + " components, "
                            + after.lastStatus().nodeCountIfKnown().map(String::valueOf).orElse("unknown") + " nodes");
        }
        if (!Objects.equals(before[0].syncFailure(), after.syncFailure())) {
            events.publish(ControlPlaneEvent.Type.ENVIRONMENT_STATUS, environmentId, "",
                    after.syncFailure() == null ? "desired state accepted again" : "failing to sync");
        }
        return after;
    }

    @Override
    public boolean delete(String environmentId) {
        return delegate.delete(environmentId);
    }
}
