package io.qdranthybrid.operator.app;

import io.micronaut.runtime.Micronaut;

/** Starts the operator: {@code java -jar hybrid-operator.jar}. */
public final class OperatorApplication {

    private OperatorApplication() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(OperatorApplication.class).banner(false).start();
    }
}
