package io.qdranthybrid.operator.app;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Liveness;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.util.Map;

/**
 * Liveness: DOWN once the operator can never reconcile again (lease lost, or informers that failed to start for
 * good), so that the kubelet restarts the pod; see {@code ControllerGroup.isAlive()} for why a probe and not an exit.
 * A slow or briefly unreachable API server alone keeps it UP.
 */
@Singleton
@Liveness
final class OperatorLiveness implements HealthIndicator {

    private final OperatorRuntime runtime;

    OperatorLiveness(OperatorRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        boolean alive = runtime.operator().isAlive();
        return Publishers.just(HealthResult.builder("qdrant-operator", alive ? HealthStatus.UP : HealthStatus.DOWN)
                .details(Map.of("namespace", runtime.operator().namespace(), "reconciling", alive))
                .build());
    }
}
