package io.qdranthybrid.harness.stack;

import io.qdranthybrid.protocol.message.AccessKey;

import java.net.URI;
import java.util.Objects;

/**
 * What an environment's bootstrap commands give the agent: where the control plane is, which environment it is and
 * its access key. Installing again with a new key is what re-running the commands after a rotation does.
 */
public record AgentInstall(URI controlPlaneUrl, String environmentId, AccessKey accessKey) {

    public AgentInstall {
        Objects.requireNonNull(controlPlaneUrl, "controlPlaneUrl");
        Objects.requireNonNull(environmentId, "environmentId");
        Objects.requireNonNull(accessKey, "accessKey");
    }

    @Override
    public String toString() {
        return "AgentInstall[" + controlPlaneUrl + ", environment " + environmentId + ", key " + accessKey + "]";
    }
}
