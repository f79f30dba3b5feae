package io.qdranthybrid.harness.sandbox;

import io.qdranthybrid.harness.controlplane.AgentCredentials;
import io.qdranthybrid.harness.stack.HybridEnvironment;
import io.qdranthybrid.platform.bootstrap.BootstrapCommands;

import java.io.PrintStream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * "Generate bootstrap commands" on the demo environment rotates the key the sandbox's own agent uses. We re-feed the
 * new key to that agent rather than refuse the rotation: in the hosted product generating the commands is how a user
 * sees them, and the sandbox runs the agent in the user's place, so it does what the user would do next, run them.
 * Refusing would make the demo environment the one environment whose commands cannot be looked at; leaving it alone
 * left the agent refused forever. Only once the sandbox's agent runs: its own onboarding bootstraps too.
 */
final class RotatedKeyRefeed implements AutoCloseable {

    private final HybridEnvironment environment;
    private final PrintStream out;
    /** Not on the thread that rotated (the console's request): restarting the agent takes a moment. */
    private final ExecutorService installer = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "sandbox-key-refeed");
        thread.setDaemon(true);
        return thread;
    });
    private final AutoCloseable subscription;

    RotatedKeyRefeed(HybridEnvironment environment, PrintStream out) {
        this.environment = environment;
        this.out = out;
        this.subscription = environment.controlPlane().environments().onBootstrap(this::bootstrapped);
    }

    private void bootstrapped(BootstrapCommands commands) {
        if (!commands.environmentId().equals(environment.id()) || environment.stack().credentials().isEmpty()) {
            return;
        }
        if (environment.stack().credentials().get().accessKey().keyId().equals(commands.accessKey().keyId())) {
            return;
        }
        installer.execute(() -> {
            out.println("Bootstrap commands were generated for the demo environment, which rotated its access key "
                    + commands.accessKey().keyId() + "; restarting the sandbox's agent with the new key, as running "
                    + "the commands would.");
            // The in-process agent dials the loopback URL even when bootstrap commands advertise another.
            environment.stack().installAgent(new AgentCredentials(environment.id(), commands.namespace(),
                    commands.accessKey(), environment.controlPlane().agentUrl()));
        });
    }

    @Override
    public void close() throws Exception {
        subscription.close();
        installer.shutdown();
        installer.awaitTermination(10, TimeUnit.SECONDS);
    }
}
