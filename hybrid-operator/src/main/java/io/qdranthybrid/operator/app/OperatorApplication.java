package io.qdranthybrid.operator.app;

import io.micronaut.context.exceptions.BeanInstantiationException;
import io.micronaut.context.exceptions.DependencyInjectionException;
import io.micronaut.runtime.Micronaut;
import io.qdranthybrid.qdrant.QdrantHttpClients;
import io.qdranthybrid.reconcile.CannotStartException;

/** Starts the operator: {@code java -jar hybrid-operator.jar}. */
public final class OperatorApplication {

    private OperatorApplication() {
    }

    public static void main(String[] args) {
        QdrantHttpClients.closeIdleConnectionsAfterThirtySeconds(); // before anything builds an HTTP client
        Micronaut micronaut = Micronaut.build(args).mainClass(OperatorApplication.class).banner(false);
        // Micronaut would log a bean's failure with pages of stack trace and exit; mapped to 0 it rethrows instead,
        // and the user gets the one line that says what to fix.
        micronaut.mapError(BeanInstantiationException.class, e -> 0).mapError(DependencyInjectionException.class, e -> 0);
        CannotStartException.exitOnFailure("qdrant-hybrid-operator", micronaut::start);
    }
}
