package io.qdranthybrid.protocol.session;

import io.qdranthybrid.protocol.message.RefusalReason;
import io.qdranthybrid.protocol.message.Refused;

import java.util.Collection;
import java.util.TreeSet;

/** The server side of the handshake's version choice: the highest version both sides speak, or a refusal. */
public final class VersionNegotiation {

    private VersionNegotiation() {
    }

    public sealed interface Result permits Agreed, NoCommonVersion {
    }

    public record Agreed(int version) implements Result {
    }

    /** Send {@link #refused()} to the agent and close. */
    public record NoCommonVersion(Refused refused) implements Result {
    }

    public static Result negotiate(Collection<Integer> agentVersions, Collection<Integer> serverVersions) {
        TreeSet<Integer> common = new TreeSet<>(agentVersions);
        common.retainAll(serverVersions);
        if (common.isEmpty()) {
            return new NoCommonVersion(new Refused(RefusalReason.NO_COMMON_VERSION,
                    "the agent speaks protocol versions " + new TreeSet<>(agentVersions)
                            + " but this control plane speaks " + new TreeSet<>(serverVersions)
                            + "; upgrade the agent or the control plane"));
        }
        return new Agreed(common.last());
    }
}
