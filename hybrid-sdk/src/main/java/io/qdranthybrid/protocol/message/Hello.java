package io.qdranthybrid.protocol.message;

import java.util.List;

/**
 * The agent's first message on every connection.
 *
 * @param lastAppliedRevision the desired-state revision the agent last applied, 0 if none; the control plane
 *                            answers with a delta since it (or a snapshot if it cannot)
 */
public record Hello(String environmentId, AccessKey accessKey, String agentVersion,
                    List<Integer> supportedVersions, long lastAppliedRevision) implements AgentMessage {

    public Hello {
        EnvironmentIds.require(environmentId, "environmentId");
        Require.present(accessKey, "accessKey");
        Require.nonBlank(agentVersion, "agentVersion");
        supportedVersions = Require.listOf(supportedVersions, "supportedVersions");
        if (supportedVersions.isEmpty()) {
            throw new IllegalArgumentException("supportedVersions must name at least one protocol version");
        }
        Require.nonNegative(lastAppliedRevision, "lastAppliedRevision");
    }

    @Override
    public MessageType type() {
        return MessageType.HELLO;
    }
}
