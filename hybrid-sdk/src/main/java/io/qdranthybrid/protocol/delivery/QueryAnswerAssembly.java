package io.qdranthybrid.protocol.delivery;

import io.qdranthybrid.protocol.message.QueryError;
import io.qdranthybrid.protocol.message.QueryResult;

import java.nio.charset.StandardCharsets;

/**
 * Puts one query's answer back together from its {@link QueryResult} chunks, in order (one WebSocket keeps them so).
 * A chunk out of sequence, or an answer growing beyond the bound the control plane accepts, ends the assembly with an
 * error instead of buffering without limit: the agent is not trusted to respect the bound. Not thread-safe.
 */
public final class QueryAnswerAssembly {

    /** The outcome once the last chunk (or a broken one) arrived. */
    public sealed interface Outcome permits Answered, Failed {
    }

    /** The whole answer; {@code truncated} when the agent cut it at its bound. */
    public record Answered(String data, boolean truncated) implements Outcome {
    }

    public record Failed(QueryError error) implements Outcome {
    }

    private final int maxAnswerBytes;
    private final StringBuilder data = new StringBuilder();
    private long bytes;
    private int nextSeq;

    public QueryAnswerAssembly(int maxAnswerBytes) {
        this.maxAnswerBytes = maxAnswerBytes;
    }

    /** @return the outcome when this chunk completes (or breaks) the answer; null while more chunks are expected */
    public Outcome accept(QueryResult chunk) {
        if (chunk.error() != null) {
            return new Failed(chunk.error());
        }
        if (chunk.seq() != nextSeq) {
            return new Failed(new QueryError(QueryError.Code.FAILED, "the agent's answer arrived out of order: chunk "
                    + chunk.seq() + " where chunk " + nextSeq + " was expected; ask again"));
        }
        nextSeq++;
        bytes += chunk.data().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxAnswerBytes) {
            return new Failed(new QueryError(QueryError.Code.FAILED, "the agent's answer exceeds " + maxAnswerBytes
                    + " bytes, the most this control plane accepts; ask for less (fewer lines, a shorter time)"));
        }
        data.append(chunk.data());
        return chunk.last() ? new Answered(data.toString(), chunk.truncated()) : null;
    }
}
