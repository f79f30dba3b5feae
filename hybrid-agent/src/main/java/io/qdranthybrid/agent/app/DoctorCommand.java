package io.qdranthybrid.agent.app;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.micronaut.context.ApplicationContext;
import io.qdranthybrid.agent.doctor.PrerequisiteTable;
import io.qdranthybrid.agent.doctor.PrerequisitesDoctor;
import io.qdranthybrid.protocol.client.AgentConnectionSettings;
import io.qdranthybrid.protocol.message.PrerequisiteCheck;
import io.qdranthybrid.reconcile.CannotStartException;

import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar hybrid-agent.jar doctor}: the prerequisites check with the agent's own configuration and
 * Kubernetes credentials, printed as a table. Starts no server and changes nothing; exits 1 when a check fails.
 */
final class DoctorCommand {

    static final String NAME = "doctor";
    /** The Micronaut environment of the command: the agent's runtime beans stay out of it. */
    static final String ENVIRONMENT = "doctor";
    static final String CONFIGURATION = "Agent configuration";

    private DoctorCommand() {
    }

    /**
     * @param properties settings on top of the usual sources (application.yml, QDRANT_AGENT_* variables)
     * @return the exit status: 0 when nothing failed, 1 otherwise
     */
    static int run(Map<String, Object> properties, PrintStream out) {
        try (ApplicationContext context = ApplicationContext.builder(AgentApplication.class)
                .environments(ENVIRONMENT).properties(properties).banner(false).start()) {
            AgentSettings settings = context.getBean(AgentSettings.class);
            KubernetesClient client = context.getBean(KubernetesClient.class);
            List<PrerequisiteCheck> checks = new ArrayList<>();
            AgentConnectionSettings connection = null;
            try {
                connection = settings.connectionSettings(AgentRuntime.version());
            } catch (IllegalArgumentException e) {
                checks.add(PrerequisiteCheck.fail(CONFIGURATION, e.getMessage(),
                        "fix the setting; the control plane's reachability is checked once it is valid"));
            }
            out.println("Checking prerequisites in namespace " + client.getNamespace() + " of "
                    + client.getMasterUrl() + (connection == null ? "" : " for control plane " + connection.url()));
            checks.addAll(new PrerequisitesDoctor(client, client.getNamespace(), connection, Clock.systemUTC(), true).run());
            out.print(PrerequisiteTable.format(checks));
            return PrerequisiteTable.anyFailed(checks) ? 1 : 0;
        } catch (RuntimeException e) {
            out.println("FAIL   " + CONFIGURATION + ": " + CannotStartException.reason(e));
            return 1;
        }
    }
}
