package io.qdranthybrid.agent;

import io.qdranthybrid.protocol.message.Query;

/**
 * Answers one named read the control plane asks for on request ({@code cluster-logs}, {@code cluster-events}, or one
 * a custom platform registers with {@link CloudAgent.Builder#query}). The answer is text the connection bounds and
 * chunks; throw {@link io.qdranthybrid.protocol.client.QueryRefusedException} to answer an error the caller can act on.
 * Handlers run on the agent's query thread, one at a time, and must only read.
 */
@FunctionalInterface
public interface AgentQuery {

    String answer(Query query);
}
