package io.qdranthybrid.protocol.client;

import io.qdranthybrid.protocol.message.AccessKey;

/**
 * Where the agent's access key comes from, read again before reconnecting after a refusal: a key rotated in the
 * mounted Secret is picked up without restarting the agent.
 */
@FunctionalInterface
public interface AccessKeySource {

    /**
     * @throws RuntimeException when the key cannot be read or parsed; the agent keeps the key it has and says why,
     *         without the secret
     */
    AccessKey read();
}
