package io.qdranthybrid.agent;

import io.qdranthybrid.protocol.client.ControlPlaneHandler;
import io.qdranthybrid.protocol.client.QueryRefusedException;
import io.qdranthybrid.protocol.delivery.ApplyOutcome;
import io.qdranthybrid.protocol.message.Command;
import io.qdranthybrid.protocol.message.DesiredState;
import io.qdranthybrid.protocol.message.Nack;
import io.qdranthybrid.protocol.message.Query;
import io.qdranthybrid.protocol.message.QueryError;
import io.qdranthybrid.protocol.message.ResyncRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.TreeMap;

/**
 * The agent's side of the connection: writes go to the {@link DesiredStateApplier}, reads on request to the
 * registered {@link AgentQuery} of their name; an unknown name is answered UNSUPPORTED, naming the ones it knows.
 */
final class QueryAnsweringHandler implements ControlPlaneHandler {

    private static final Logger LOG = LoggerFactory.getLogger(QueryAnsweringHandler.class);

    private final ControlPlaneHandler writes;
    private final Map<String, AgentQuery> queries;

    QueryAnsweringHandler(ControlPlaneHandler writes, Map<String, AgentQuery> queries) {
        this.writes = writes;
        this.queries = Map.copyOf(queries);
    }

    @Override
    public String answerQuery(Query query) {
        AgentQuery handler = queries.get(query.name());
        if (handler == null) {
            throw new QueryRefusedException(QueryError.Code.UNSUPPORTED, "query '" + query.name() + "' is unknown to "
                    + "this agent; it answers " + new TreeMap<>(queries).keySet());
        }
        LOG.info("Answering query {} ({}) {}", query.queryId(), query.name(), query.args());
        return handler.answer(query);
    }

    @Override
    public ApplyOutcome applyDesiredState(DesiredState state) {
        return writes.applyDesiredState(state);
    }

    @Override
    public ApplyOutcome runCommand(Command command) {
        return writes.runCommand(command);
    }

    @Override
    public void resyncRequested(ResyncRequest request) {
        writes.resyncRequested(request);
    }

    @Override
    public void rejectedByControlPlane(Nack nack) {
        writes.rejectedByControlPlane(nack);
    }
}
