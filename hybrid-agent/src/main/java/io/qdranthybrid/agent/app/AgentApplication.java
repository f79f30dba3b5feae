package io.qdranthybrid.agent.app;

import io.micronaut.context.exceptions.BeanInstantiationException;
import io.micronaut.context.exceptions.DependencyInjectionException;
import io.micronaut.runtime.Micronaut;
import io.qdranthybrid.reconcile.CannotStartException;

/**
 * Starts the cloud agent: {@code java -jar hybrid-agent.jar}; {@code java -jar hybrid-agent.jar cleanup ...} runs the
 * offboarding cleanup instead, without starting the agent ({@link CleanupCommand}).
 */
public final class AgentApplication {

    private AgentApplication() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals(CleanupCommand.NAME)) {
            System.exit(CleanupCommand.run(java.util.List.of(args).subList(1, args.length), System.out, System.err));
        }
        Micronaut micronaut = Micronaut.build(args).mainClass(AgentApplication.class).banner(false);
        // Micronaut would log a bean's failure with pages of stack trace and exit; mapped to 0 it rethrows instead,
        // and the user gets the one line that says what to fix.
        micronaut.mapError(BeanInstantiationException.class, e -> 0).mapError(DependencyInjectionException.class, e -> 0);
        CannotStartException.exitOnFailure("qdrant-cloud-agent", micronaut::start);
    }
}
