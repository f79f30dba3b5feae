package io.qdranthybrid.harness.sandbox;

import io.fabric8.kubernetes.api.model.Quantity;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The sandbox's command line. Parsed by hand: the harness carries no CLI library, and there are a dozen options.
 *
 * @param scenario  the scenario to play after start-up; empty to start the stack and wait
 * @param exit      exit once the scenario finished (0 when it succeeded) instead of running until Ctrl-C
 * @param port      the control plane's port (console, REST and agent WebSocket) when given; 0 picks a free one
 * @param timeout   how long the scenario may take before it counts as failed
 * @param timeline  where to write the run's timeline as JSON when the sandbox stops, if anywhere
 * @param verbose   log what the components log (INFO) instead of warnings only
 * @param nodes     Kubernetes nodes of the simulated cluster
 * @param nodeCpu   CPU capacity of each node, a Kubernetes quantity ({@code 4}, {@code 2500m})
 * @param nodeMemory memory capacity of each node, a Kubernetes quantity ({@code 16Gi})
 * @param advertiseUrl the agent URL bootstrap commands name, for an agent on another machine; empty for loopback
 * @param database  the PostgreSQL server to keep the control plane's state in, if not in memory
 */
public record SandboxOptions(Optional<String> scenario, boolean exit, OptionalInt port, Duration timeout,
                             Optional<Path> timeline, boolean verbose, int nodes, String nodeCpu, String nodeMemory,
                             Optional<URI> advertiseUrl, Optional<SandboxDatabase> database) {

    public static final String USAGE = """
            Usage: java -jar qdrant-hybrid-sandbox.jar [options]

            Starts a simulated control plane, a simulated Kubernetes cluster, the operator and the agent in one
            process, prints the console URL and plays the demo: an environment is onboarded and a 3-node Qdrant
            cluster created. Runs until Ctrl-C.

              --scenario <name>   scenario to play after start-up: demo (default) or none
              --exit              exit after the scenario: 0 once it succeeded, 1 with the reason otherwise
              --port <n>          control-plane port (console, REST, agent WebSocket); 0 = any free port;
                                  default 8080, or a free port when 8080 is taken
              --timeout <time>    how long the scenario may take, e.g. 120s or 2m (default 120s)
              --timeline <file>   write the timeline (timestamped events) as JSON to this file on exit
              --verbose           show the components' logs, not only the progress

            Capacity of the simulated Kubernetes cluster (printed at start; a Qdrant pod that fits on no node
            stays Pending, its PodScheduled condition says why):
              --nodes <n>         number of nodes, 1-100 (default 3)
              --node-cpu <q>      CPU of each node, e.g. 4 or 2500m (default 4)
              --node-memory <q>   memory of each node, e.g. 16Gi or 8192Mi (default 16Gi)

            Agents:
              --advertise-url <ws-url>
                                  the agent URL that bootstrap commands give, for an agent on another machine,
                                  e.g. ws://my-laptop.example:8080 (path /agent is added when missing). The
                                  control plane then listens on every interface, not only 127.0.0.1: anyone who
                                  reaches the port reaches the console and REST API, which have no login.
                                  Default: ws://127.0.0.1:<port>/agent.
              The sandbox runs the demo environment's agent itself. "Generate bootstrap commands" on the demo
              environment rotates its key; the sandbox then restarts its own agent with the new key, as running
              the new commands would. For an agent of your own, create another environment.

            Control plane state (in memory by default):
              --postgres-url <u>  keep environments, access keys and desired state in this PostgreSQL database
                                  (jdbc:postgresql://host:5432/db) instead of memory; tables are created on start
              --postgres-user <n> its user (default: $QDRANT_HYBRID_POSTGRES_USER); the password is read from
                                  $QDRANT_HYBRID_POSTGRES_PASSWORD only, never from the command line

              --help              this text
            """;

    /** The simulated cluster's default shape: three 4-CPU 16Gi nodes, like a small k3s cluster. */
    public static final int DEFAULT_NODES = 3;
    public static final String DEFAULT_NODE_CPU = "4";
    public static final String DEFAULT_NODE_MEMORY = "16Gi";
    private static final int MAX_NODES = 100;

    /** Default port: the console URL stays the same from one run to the next. */
    public static final int DEFAULT_PORT = 8080;

    /**
     * @throws IllegalArgumentException with a message naming the offending argument
     */
    public static SandboxOptions parse(List<String> args) {
        return parse(args, System.getenv());
    }

    /** As {@link #parse(List)}, reading the database user and password from {@code environment}. */
    public static SandboxOptions parse(List<String> args, Map<String, String> environment) {
        String postgresUrl = null;
        String postgresUser = null;
        Optional<String> scenario = Optional.of("demo");
        boolean exit = false;
        OptionalInt port = OptionalInt.empty();
        Duration timeout = Duration.ofSeconds(120);
        Optional<Path> timeline = Optional.empty();
        boolean verbose = false;
        int nodes = DEFAULT_NODES;
        String nodeCpu = DEFAULT_NODE_CPU;
        String nodeMemory = DEFAULT_NODE_MEMORY;
        Optional<URI> advertiseUrl = Optional.empty();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--scenario" -> {
                    String name = value(args, ++i, arg).toLowerCase(Locale.ROOT);
                    if (!name.equals("demo") && !name.equals("none")) {
                        throw new IllegalArgumentException("unknown scenario '" + name + "': expected demo or none");
                    }
                    scenario = name.equals("none") ? Optional.empty() : Optional.of(name);
                }
                case "--exit" -> exit = true;
                case "--port" -> port = OptionalInt.of(port(value(args, ++i, arg)));
                case "--timeout" -> timeout = duration(value(args, ++i, arg));
                case "--timeline" -> timeline = Optional.of(Path.of(value(args, ++i, arg)));
                case "--verbose" -> verbose = true;
                case "--nodes" -> nodes = nodes(value(args, ++i, arg));
                case "--node-cpu" -> nodeCpu = quantity(value(args, ++i, arg), arg, "4 or 2500m");
                case "--node-memory" -> nodeMemory = quantity(value(args, ++i, arg), arg, "16Gi or 8192Mi");
                case "--advertise-url" -> advertiseUrl = Optional.of(agentUrl(value(args, ++i, arg)));
                case "--postgres-url" -> postgresUrl = value(args, ++i, arg);
                case "--postgres-user" -> postgresUser = value(args, ++i, arg);
                default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
            }
        }
        if (exit && scenario.isEmpty()) {
            throw new IllegalArgumentException("--exit needs a scenario to wait for");
        }
        if (postgresUser != null && postgresUrl == null) {
            throw new IllegalArgumentException("--postgres-user needs --postgres-url");
        }
        Optional<SandboxDatabase> database = postgresUrl == null ? Optional.empty()
                : Optional.of(SandboxDatabase.of(postgresUrl, postgresUser, environment));
        return new SandboxOptions(scenario, exit, port, timeout, timeline, verbose, nodes, nodeCpu, nodeMemory,
                advertiseUrl, database);
    }

    /** True when the arguments ask for the usage text. */
    public static boolean wantsHelp(List<String> args) {
        return args.contains("--help") || args.contains("-h");
    }

    private static String value(List<String> args, int index, String option) {
        if (index >= args.size() || args.get(index).startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(index);
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("--port " + value + " is outside 0-65535");
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port needs a number, got '" + value + "'", e);
        }
    }

    private static int nodes(String value) {
        try {
            int nodes = Integer.parseInt(value);
            if (nodes < 1 || nodes > MAX_NODES) {
                throw new IllegalArgumentException("--nodes " + value + " is outside 1-" + MAX_NODES);
            }
            return nodes;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--nodes needs a number, got '" + value + "'", e);
        }
    }

    /** A positive Kubernetes quantity, as a node's capacity is written. */
    private static String quantity(String value, String option, String example) {
        try {
            if (!value.matches("[0-9]+(\\.[0-9]+)?(m|k|M|G|T|Ki|Mi|Gi|Ti)?")
                    || Quantity.getAmountInBytes(new Quantity(value)).signum() <= 0) {
                throw new IllegalArgumentException("not positive");
            }
            return value;
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new IllegalArgumentException(option + " needs a positive Kubernetes quantity such as " + example
                    + ", got '" + value + "'", e);
        }
    }

    private static URI agentUrl(String value) {
        try {
            URI url = new URI(value);
            if (!("ws".equals(url.getScheme()) || "wss".equals(url.getScheme())) || url.getHost() == null) {
                throw new URISyntaxException(value, "not a ws:// or wss:// URL with a host");
            }
            return url;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--advertise-url needs a ws:// or wss:// URL with a host that the agent's"
                    + " machine resolves, e.g. ws://my-laptop.example:8080, got '" + value + "'", e);
        }
    }

    /** {@code 90s}, {@code 2m} or an ISO-8601 duration such as {@code PT90S}. */
    private static Duration duration(String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        try {
            Duration parsed;
            if (text.startsWith("p")) {
                parsed = Duration.parse(text.toUpperCase(Locale.ROOT));
            } else if (text.endsWith("ms")) {
                parsed = Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            } else if (text.endsWith("s")) {
                parsed = Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
            } else if (text.endsWith("m")) {
                parsed = Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1)));
            } else {
                throw new NumberFormatException("no unit");
            }
            if (parsed.isZero() || parsed.isNegative()) {
                throw new IllegalArgumentException("--timeout must be positive, got '" + value + "'");
            }
            return parsed;
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException("--timeout needs a duration such as 120s or 2m, got '" + value + "'", e);
        }
    }
}
