package io.qdranthybrid.operator.app;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import io.micronaut.core.async.publisher.Publishers;

import java.util.Map;

/** Readiness: the caches have synced and this replica leads or stands by. Liveness: {@link OperatorLiveness}. */
@Singleton
@Readiness
final class OperatorHealth implements HealthIndicator {

    private final OperatorRuntime runtime;

    OperatorHealth(OperatorRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        boolean ready = runtime.operator().isReady();
        return Publishers.just(HealthResult.builder("qdrant-operator", ready ? HealthStatus.UP : HealthStatus.DOWN)
                .details(Map.of("namespace", runtime.operator().namespace(), "leader", runtime.operator().isLeader()))
                .build());
    }
}
