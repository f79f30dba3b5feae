package io.qdranthybrid.agent.app;

import io.micronaut.runtime.Micronaut;

/** Starts the cloud agent: {@code java -jar hybrid-agent.jar}. */
public final class AgentApplication {

    private AgentApplication() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(AgentApplication.class).banner(false).start();
    }
}
