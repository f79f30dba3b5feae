package io.qdranthybrid.agent.app;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.qdranthybrid.offboard.CleanupOutcome;
import io.qdranthybrid.offboard.NamespaceCleanup;
import io.qdranthybrid.reconcile.KubernetesClients;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * {@code java -jar hybrid-agent.jar cleanup --namespace <ns> [--force] [--kubeconfig <file>] [--timeout-seconds <n>]}:
 * the customer's side of offboarding, run with the user's own kubeconfig (not the agent's), without starting the
 * agent. See {@link NamespaceCleanup} for the steps and deploy/README.md for when to run it.
 */
final class CleanupCommand {

    static final String NAME = "cleanup";
    static final String USAGE = "usage: java -jar hybrid-agent.jar cleanup --namespace <namespace> [--force]"
            + " [--kubeconfig <file>] [--timeout-seconds <seconds>]";
    /** Exit code for arguments that do not parse; the cleanup's own outcomes use 0, 1 and 3. */
    static final int BAD_ARGUMENTS = 2;

    private CleanupCommand() {
    }

    /** @return the process exit code */
    static int run(List<String> args, PrintStream out, PrintStream err) {
        String namespace = null;
        String kubeconfig = null;
        boolean force = false;
        Duration timeout = Duration.ofSeconds(120);
        try {
            for (int i = 0; i < args.size(); i++) {
                switch (args.get(i)) {
                    case "--namespace", "-n" -> namespace = value(args, ++i);
                    case "--kubeconfig" -> kubeconfig = value(args, ++i);
                    case "--timeout-seconds" -> timeout = Duration.ofSeconds(Long.parseLong(value(args, ++i)));
                    case "--force", "-force" -> force = true;
                    default -> throw new IllegalArgumentException("unknown argument " + args.get(i));
                }
            }
            if (namespace == null || namespace.isBlank()) {
                throw new IllegalArgumentException("--namespace is required");
            }
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return BAD_ARGUMENTS;
        }
        try (KubernetesClient client = KubernetesClients.create(kubeconfig, namespace, "qdrant-hybrid-cleanup")) {
            CleanupOutcome outcome = new NamespaceCleanup(client, out, timeout).run(namespace, force);
            return outcome.exitCode();
        } catch (KubernetesClientException e) {
            err.println("The cleanup stopped: the Kubernetes API answered " + e.getCode() + " " + e.getMessage()
                    + "; check the kubeconfig's access (it needs to delete Deployments, RBAC, CRDs and the namespace)"
                    + " and run it again: it continues where it stopped");
            return CleanupOutcome.INCOMPLETE.exitCode();
        }
    }

    private static String value(List<String> args, int index) {
        if (index >= args.size() || args.get(index).startsWith("--")) {
            throw new IllegalArgumentException(args.get(index - 1) + " needs a value");
        }
        return args.get(index);
    }
}
