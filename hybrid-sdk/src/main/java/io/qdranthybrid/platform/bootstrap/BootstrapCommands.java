package io.qdranthybrid.platform.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import io.qdranthybrid.protocol.message.AccessKey;

import java.util.List;
import java.util.Map;

/**
 * The shell commands that install an environment's agent, and the files they read secrets from. The files carry a
 * freshly minted access key (and registry credentials): this is the only place its secret exists, so
 * {@link #toString()} shows neither the files nor the key. No command has a secret on its command line.
 *
 * @param secretFiles file name to content: save each next to where the commands run (mode 600), or use
 *                    {@link #script()}, which does that in a temporary directory and removes them afterwards
 * @param chartValues the agent chart's values the helm command sets (never the key's secret), for a platform that
 *                    installs with its own tooling (a values file, Argo CD, Flux) instead of the commands
 */
public record BootstrapCommands(String environmentId, String namespace, List<String> commands,
                                Map<String, String> secretFiles, AccessKey accessKey, JsonNode chartValues) {

    /** Ends each here-document; no secret file has a line like it (they are JSON, or a one-line password). */
    private static final String END_OF_FILE = "QDRANT_HYBRID_EOF";

    public BootstrapCommands {
        commands = List.copyOf(commands);
        secretFiles = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(secretFiles));
        chartValues = chartValues.deepCopy();
    }

    /**
     * A script to pipe into bash ({@code bash < install.sh}): stops at the first failing command; writes the secret
     * files into a private temporary directory and removes them on exit, so secrets pass through files and stdin only.
     */
    public String script() {
        StringBuilder script = new StringBuilder("set -euo pipefail\numask 077\n")
                .append("QDRANT_BOOTSTRAP_DIR=\"$(mktemp -d)\"\n")
                .append("trap 'rm -rf \"$QDRANT_BOOTSTRAP_DIR\"' EXIT\n")
                .append("cd \"$QDRANT_BOOTSTRAP_DIR\"\n");
        secretFiles.forEach((name, content) -> script.append("cat > ").append(name).append(" <<'").append(END_OF_FILE)
                .append("'\n").append(content).append(content.endsWith("\n") ? "" : "\n").append(END_OF_FILE).append('\n'));
        return script.append(String.join("\n", commands)).append('\n').toString();
    }

    @Override
    public String toString() {
        return "BootstrapCommands[environmentId=" + environmentId + ", namespace=" + namespace + ", "
                + commands.size() + " commands, secret files " + secretFiles.keySet() + ", accessKey=" + accessKey + "]";
    }
}
