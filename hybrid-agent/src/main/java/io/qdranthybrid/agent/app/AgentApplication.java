package io.qdranthybrid.agent.app;

import io.micronaut.context.exceptions.BeanInstantiationException;
import io.micronaut.context.exceptions.DependencyInjectionException;
import io.micronaut.runtime.Micronaut;
import io.qdranthybrid.reconcile.CannotStartException;

/**
 * Starts the cloud agent: {@code java -jar hybrid-agent.jar}; {@code java -jar hybrid-agent.jar doctor} checks the
 * prerequisites instead and exits; {@code java -jar hybrid-agent.jar cleanup ...} runs the offboarding cleanup instead,
 * without starting the agent ({@link CleanupCommand}).
 */
public final class AgentApplication {

    private AgentApplication() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals(CleanupCommand.NAME)) {
            System.exit(CleanupCommand.run(java.util.List.of(args).subList(1, args.length), System.out, System.err));
        }
        if (args.length > 0 && args[0].equals(DoctorCommand.NAME)) {
            // The table is the output: the agent's INFO logs would bury it (LOG_LEVEL still wins when set).
            if (System.getenv("LOG_LEVEL") == null) {
                System.setProperty("LOG_LEVEL", "WARN");
            }
            System.exit(DoctorCommand.run(java.util.Map.of(), System.out));
        }
        Micronaut micronaut = Micronaut.build(args).mainClass(AgentApplication.class).banner(false);
        // Micronaut would log a bean's failure with pages of stack trace and exit; mapped to 0 it rethrows instead,
        // and the user gets the one line that says what to fix.
        micronaut.mapError(BeanInstantiationException.class, e -> 0).mapError(DependencyInjectionException.class, e -> 0);
        CannotStartException.exitOnFailure("qdrant-cloud-agent", micronaut::start);
    }
}
