package io.qdranthybrid.protocol.codec;

import io.qdranthybrid.protocol.message.ControlPlaneMessage;
import io.qdranthybrid.protocol.message.DesiredState;
import io.qdranthybrid.protocol.message.ResourceKey;

import java.util.List;

/**
 * How one desired state travels: a single {@link DesiredState} when it fits a frame whole, otherwise numbered
 * {@link io.qdranthybrid.protocol.message.DesiredStatePart}s in order.
 *
 * @param withheld resources of the state that exceed the frame limit on their own and were left out (named in the
 *                 first part so the agent neither changes nor deletes them)
 */
public record DesiredStateSplit(List<ControlPlaneMessage> messages, List<ResourceKey> withheld) {

    public DesiredStateSplit {
        messages = List.copyOf(messages);
        withheld = List.copyOf(withheld);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a desired state travels in at least one message");
        }
    }

    public boolean isWhole() {
        return messages.size() == 1 && messages.get(0) instanceof DesiredState;
    }
}
