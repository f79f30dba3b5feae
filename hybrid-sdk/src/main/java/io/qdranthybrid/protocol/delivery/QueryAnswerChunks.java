package io.qdranthybrid.protocol.delivery;

import io.qdranthybrid.protocol.message.QueryResult;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits the answer to a query into {@link QueryResult} chunks of at most {@code chunkBytes} UTF-8 bytes of data each,
 * after cutting the whole answer at {@code maxAnswerBytes} (then the last chunk says {@code truncated}). Cuts fall
 * between characters, never inside one. Pure.
 */
public final class QueryAnswerChunks {

    /** Data per chunk: far below the default message limit even if JSON escaping grows every byte sixfold. */
    public static final int DEFAULT_CHUNK_BYTES = 64 * 1024;
    /** The whole answer: what a console or an API caller reads at once. */
    public static final int DEFAULT_MAX_ANSWER_BYTES = 1024 * 1024;

    private QueryAnswerChunks() {
    }

    public static List<QueryResult> split(String queryId, String answer, int chunkBytes, int maxAnswerBytes) {
        if (chunkBytes < 4 || maxAnswerBytes < 1) {
            throw new IllegalArgumentException("chunks need at least 4 bytes (one character) and answers 1 byte, got "
                    + chunkBytes + " and " + maxAnswerBytes);
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        boolean truncated = bytes.length > maxAnswerBytes;
        int end = truncated ? characterBoundaryAtOrBefore(bytes, maxAnswerBytes) : bytes.length;
        List<QueryResult> chunks = new ArrayList<>();
        int start = 0;
        do {
            int stop = start + chunkBytes >= end ? end : characterBoundaryAtOrBefore(bytes, start + chunkBytes);
            boolean last = stop == end;
            chunks.add(new QueryResult(queryId, chunks.size(), last,
                    new String(bytes, start, stop - start, StandardCharsets.UTF_8), null, last && truncated));
            start = stop;
        } while (start < end);
        return chunks;
    }

    /** The largest index ≤ {@code limit} that starts a character (or is the end). */
    static int characterBoundaryAtOrBefore(byte[] bytes, int limit) {
        int at = Math.min(limit, bytes.length);
        while (at > 0 && at < bytes.length && (bytes[at] & 0xC0) == 0x80) {
            at--;
        }
        return at;
    }
}
