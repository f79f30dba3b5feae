package io.qdranthybrid.harness.controlplane;

import io.qdranthybrid.protocol.client.AgentConnectionSettings;
import io.qdranthybrid.protocol.message.AccessKey;

import java.net.URI;

/**
 * What an agent needs to connect to the simulated control plane: where to dial, as which environment, with which
 * key. {@link AccessKey} keeps the secret out of {@link #toString()}.
 */
public record AgentCredentials(String environmentId, String namespace, AccessKey accessKey, URI agentUrl) {

    /**
     * Connection settings for an in-process {@code CloudAgent}; add backoff or timeouts before {@code build()}. The
     * simulated control plane listens on plaintext loopback, so these settings opt in to {@code ws://} explicitly.
     */
    public AgentConnectionSettings.Builder connectionSettings(String agentVersion) {
        return AgentConnectionSettings.builder(agentUrl, environmentId, accessKey, agentVersion).allowInsecure(true);
    }
}
