package io.qdranthybrid.platform.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import io.qdranthybrid.protocol.message.AccessKey;

import java.util.List;

/**
 * The shell commands that install an environment's agent. They carry a freshly minted access key: this is the only
 * place its secret exists, so {@link #toString()} shows neither the commands nor the key.
 *
 * @param chartValues the agent chart's values the helm command sets (never the key's secret), for a platform that
 *                    installs with its own tooling (a values file, Argo CD, Flux) instead of the commands
 */
public record BootstrapCommands(String environmentId, String namespace, List<String> commands, AccessKey accessKey,
                                JsonNode chartValues) {

    public BootstrapCommands {
        commands = List.copyOf(commands);
        chartValues = chartValues.deepCopy();
    }

    /** A script to pipe into bash: stops at the first failing command. */
    public String script() {
        return "set -euo pipefail\n" + String.join("\n", commands) + "\n";
    }

    @Override
    public String toString() {
        return "BootstrapCommands[environmentId=" + environmentId + ", namespace=" + namespace + ", "
                + commands.size() + " commands, accessKey=" + accessKey + "]";
    }
}
