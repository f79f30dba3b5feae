package io.qdranthybrid.harness.controlplane;

import io.qdranthybrid.platform.desired.DesiredStateStore;
import io.qdranthybrid.platform.environment.Environment;
import io.qdranthybrid.platform.environment.ForceDeletePolicy;
import io.qdranthybrid.platform.environment.Staleness;
import io.qdranthybrid.platform.session.AgentSession;
import io.qdranthybrid.protocol.message.ResourceKey;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Deleting an environment, in the hosted product's order (clusters, then the environment, then the cleanup in the
 * customer's cluster). A plain delete is refused while clusters exist; otherwise the environment reads DELETING, every
 * resource still desired there (backups, schedules, releases) leaves its desired state, so the agent deletes the
 * objects it made, and once the agent has acknowledged that revision the record goes (its key revoked, its session
 * cut). A forced delete, allowed only while the agent is stale, drops the record at once and touches nothing in the
 * namespace.
 *
 * <p>Lock-free on purpose: it is called from agent sessions' threads while they hold their session's lock (status
 * reports) and it calls into sessions (acknowledged revision, decommission), so a lock of its own would deadlock against
 * them. The map's atomic operations decide who starts and who finishes a delete.
 */
final class Offboarding {

    private final ControlPlaneContext context;
    private final Function<String, Set<String>> clusterIds;
    /** Environments being deleted: the revision that emptied their desired state, and when. */
    private final Map<String, Started> underway = new ConcurrentHashMap<>();

    private record Started(long revision, Instant at) {

        /** Claimed, the desired state not emptied yet: nothing to finish until it is. */
        static final Started CLAIMED = new Started(-1, Instant.EPOCH);
    }

    /** @param clusterIds the clusters of an environment, those still being deleted included */
    Offboarding(ControlPlaneContext context, Function<String, Set<String>> clusterIds) {
        this.context = context;
        this.clusterIds = clusterIds;
        context.statuses().addObserver((environmentId, status) -> finishIfDone(environmentId));
    }

    boolean underway(String environmentId) {
        return underway.containsKey(environmentId);
    }

    /** Why the environment reads DELETING, or empty when it is not being deleted. */
    Optional<String> why(Environment environment) {
        Started started = underway.get(environment.id());
        if (started == null) {
            return Optional.empty();
        }
        if (started == Started.CLAIMED) {
            return Optional.of("deleting: taking every resource out of its desired state");
        }
        // An agent that refuses the emptied desired state (say, an empty snapshot it will not apply) never confirms.
        String refused = environment.syncFailureIfAny().filter(f -> f.revision() >= started.revision())
                .map(f -> "; the agent rejects it since " + f.since() + ": " + f.reason() + " " + f.message()).orElse("");
        return Optional.of("deleting since " + started.at() + ": waiting for the agent to remove what it manages and"
                + " acknowledge desired state revision " + started.revision() + refused);
    }

    /**
     * @return what a forced delete left behind; empty for a plain delete (under way, or done at once when no agent
     *         ever connected)
     * @throws ConflictException while clusters exist (without force), when the agent is gone (without force), or when
     *                           force is asked while the agent is not stale
     */
    Optional<ForcedDeletion> delete(String environmentId, boolean force) {
        Environment environment = context.requireEnvironment(environmentId);
        Staleness staleness = context.staleness(environment);
        if (force) {
            Clusters.refuseIf(ForceDeletePolicy.refuseForcedDelete("environment " + environmentId, staleness));
            underway.remove(environmentId);
            context.gateway().forceDecommission(environmentId);
            String leftovers = ForceDeletePolicy.environmentLeftovers(environment.namespace());
            context.events().publish(ControlPlaneEvent.Type.ENVIRONMENT_FORCE_DELETED, environmentId, "", leftovers);
            return Optional.of(new ForcedDeletion(environmentId, "", environment.namespace(), leftovers));
        }
        if (underway(environmentId)) {
            return Optional.empty(); // deleting twice is one delete
        }
        Set<String> clusters = clusterIds.apply(environmentId);
        if (!clusters.isEmpty()) {
            throw new ConflictException("environment " + environmentId + " still has clusters " + clusters + ": delete"
                    + " them first so its agent removes them, or, once the environment reads UNKNOWN, delete it with"
                    + " force=true to drop the record and leave everything in namespace " + environment.namespace());
        }
        Clusters.refuseIf(ForceDeletePolicy.refusePlainDelete("environment " + environmentId, environment, staleness));
        if (underway.putIfAbsent(environmentId, Started.CLAIMED) != null) {
            return Optional.empty(); // a concurrent delete of the same environment won
        }
        DesiredStateStore store = context.stores().forEnvironment(environmentId);
        for (ResourceKey key : store.keys()) {
            store.delete(key);
        }
        underway.put(environmentId, new Started(store.revision(), context.clock().instant()));
        context.events().publish(ControlPlaneEvent.Type.ENVIRONMENT_DELETING, environmentId, "",
                "the agent removes what it manages in namespace " + environment.namespace() + ", then the record goes");
        finishIfDone(environmentId);
        return Optional.empty();
    }

    /**
     * Ends a delete under way once the agent acknowledged the emptied desired state, or at once when no agent ever
     * connected (it created nothing). Called on every status report and whenever the environment is read.
     */
    void finishIfDone(String environmentId) {
        Started started = underway.get(environmentId);
        if (started == null || started == Started.CLAIMED) {
            return;
        }
        Optional<Environment> environment = context.registry().find(environmentId);
        if (environment.isEmpty()) {
            underway.remove(environmentId, started);
            return;
        }
        long acknowledged = context.gateway().sessionOf(environmentId).map(AgentSession::acknowledgedRevision)
                .orElse(0L);
        boolean neverContacted = environment.get().lastContactAt() == null;
        // Revision 0: nothing was ever desired, so the agent created nothing there is to remove.
        boolean nothingDesired = started.revision() == 0;
        if (!neverContacted && !nothingDesired && acknowledged < started.revision()) {
            return;
        }
        if (!underway.remove(environmentId, started)) {
            return; // finished meanwhile by another report or read
        }
        context.gateway().decommission(environmentId);
        String namespace = environment.get().namespace();
        context.events().publish(ControlPlaneEvent.Type.ENVIRONMENT_DELETED, environmentId, "", neverContacted
                ? "no agent ever connected, so nothing was created in namespace " + namespace
                : (nothingDesired ? "nothing was ever desired, so the agent had nothing to remove in namespace "
                : "the agent removed what it managed in namespace ") + namespace
                + "; run the cleanup there to remove the agent and operator: " + ForceDeletePolicy.CLEANUP_COMMAND
                + namespace);
    }
}
