package io.qdranthybrid.samples.platform;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;
import io.qdranthybrid.platform.bootstrap.BootstrapCommands;
import io.qdranthybrid.platform.environment.Environment;

import java.net.URI;

/**
 * A custom control plane in one program: starts the platform, onboards an environment, prints the commands that install
 * the agent, asks for a 3-node cluster and prints what the agent reports until Ctrl-C.
 * Usage: {@code CustomPlatform [environment-name] [namespace]}.
 */
public final class CustomPlatform {

    public static void main(String[] args) throws InterruptedException {
        String name = args.length > 0 ? args[0] : "demo";
        String namespace = args.length > 1 ? args[1] : "qdrant";
        ApplicationContext context = Micronaut.run(CustomPlatform.class, args);
        EmbeddedServer server = context.getBean(EmbeddedServer.class);
        Onboarding onboarding = context.getBean(Onboarding.class);

        Environment environment = onboarding.register(name, namespace);
        BootstrapCommands commands = onboarding.bootstrap(environment.id(), agentUrl(server));
        System.out.println("Environment " + environment.id() + " registered. Install the agent with:\n" + commands.script());
        onboarding.createCluster(environment.id(), "demo", 3, "v1.12.3");
        System.out.println("Asked for cluster 'demo' (3 nodes); waiting for the agent. Ctrl-C to stop.");

        String last = "";
        while (server.isRunning()) {
            String line = onboarding.health(environment.id()) + " cluster demo: "
                    + onboarding.clusterPhase(environment.id(), "demo").orElse("not reported");
            if (!line.equals(last)) {
                System.out.println(line);
                last = line;
            }
            Thread.sleep(1_000);
        }
    }

    /** Agents dial this; behind a real load balancer it is the public wss:// address instead. */
    public static URI agentUrl(EmbeddedServer server) {
        return URI.create("ws://" + server.getHost() + ":" + server.getPort() + AgentEndpoint.PATH);
    }
}
