package io.qdranthybrid.protocol.delivery;

import io.qdranthybrid.protocol.message.NackReason;
import io.qdranthybrid.protocol.message.RefusedResource;

import java.util.List;

/** What the agent core did with a desired state or command; becomes an Ack or a Nack. */
public sealed interface ApplyOutcome permits ApplyOutcome.Applied, ApplyOutcome.Rejected {

    static ApplyOutcome applied() {
        return Applied.INSTANCE;
    }

    static ApplyOutcome rejected(NackReason reason, String message) {
        return new Rejected(reason, message, List.of());
    }

    /** A rejection naming the resources it concerns, each with its own reason. */
    static ApplyOutcome rejected(NackReason reason, String message, List<RefusedResource> resources) {
        return new Rejected(reason, message, resources);
    }

    /** A final outcome is remembered; a retryable failure lets the redelivered message be tried again. */
    boolean isFinal();

    record Applied() implements ApplyOutcome {
        private static final Applied INSTANCE = new Applied();

        @Override
        public boolean isFinal() {
            return true;
        }
    }

    record Rejected(NackReason reason, String message, List<RefusedResource> resources) implements ApplyOutcome {
        public Rejected {
            if (reason == null) {
                throw new IllegalArgumentException("a rejection needs a reason");
            }
            message = message == null ? "" : message;
            resources = resources == null ? List.of() : List.copyOf(resources);
        }

        @Override
        public boolean isFinal() {
            return reason != NackReason.APPLY_FAILED && reason != NackReason.UNAVAILABLE;
        }
    }
}
