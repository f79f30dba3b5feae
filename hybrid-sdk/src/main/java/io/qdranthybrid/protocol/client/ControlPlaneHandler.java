package io.qdranthybrid.protocol.client;

import io.qdranthybrid.protocol.delivery.ApplyOutcome;
import io.qdranthybrid.protocol.message.Command;
import io.qdranthybrid.protocol.message.DesiredState;
import io.qdranthybrid.protocol.message.Nack;
import io.qdranthybrid.protocol.message.Query;
import io.qdranthybrid.protocol.message.QueryError;
import io.qdranthybrid.protocol.message.ResyncRequest;

/**
 * Implemented by the agent core. Called on one dedicated thread, in arrival order, so it may block on Kubernetes.
 * Redeliveries are filtered by the connection's {@link io.qdranthybrid.protocol.delivery.ApplyLedger} before these
 * methods see them. A thrown exception counts as {@code APPLY_FAILED}.
 */
public interface ControlPlaneHandler {

    /**
     * Apply a desired state. For a {@code SNAPSHOT}, resources not listed must be removed; for a {@code DELTA}, only the
     * listed resources change (resources the agent already applied were removed from the list).
     */
    ApplyOutcome applyDesiredState(DesiredState state);

    ApplyOutcome runCommand(Command command);

    /**
     * Answers a read on request (logs, events) with its whole text; the connection bounds and chunks it. Runs on a
     * thread of its own, so a slow read never delays an apply. Throw {@link QueryRefusedException} to answer with an
     * error; any other exception answers FAILED.
     */
    default String answerQuery(Query query) {
        throw new QueryRefusedException(QueryError.Code.UNSUPPORTED, "query '" + query.name() + "' is unknown to this agent");
    }

    /** The control plane wants every status again: publish them through the connection. */
    default void resyncRequested(ResyncRequest request) {
    }

    /** The control plane rejected one of our messages; it will not be resent. */
    default void rejectedByControlPlane(Nack nack) {
    }
}
