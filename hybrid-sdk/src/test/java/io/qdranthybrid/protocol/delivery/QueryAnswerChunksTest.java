package io.qdranthybrid.protocol.delivery;

import io.qdranthybrid.protocol.message.QueryError;
import io.qdranthybrid.protocol.message.QueryResult;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class QueryAnswerChunksTest {

    @Test
    void anAnswerIsSplitIntoBoundedChunksThatReassembleToIt() {
        String answer = "line é€😀\n".repeat(1000);
        List<QueryResult> chunks = QueryAnswerChunks.split("q", answer, 100, 1 << 20);

        assertThat(chunks).allSatisfy(c -> assertThat(c.data().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(100));
        assertThat(chunks).extracting(QueryResult::seq).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, chunks.size()).boxed().toList());
        assertThat(chunks).filteredOn(QueryResult::last).containsExactly(chunks.get(chunks.size() - 1));
        assertThat(assemble(chunks, 1 << 20)).isEqualTo(new QueryAnswerAssembly.Answered(answer, false));
    }

    @Test
    void anEmptyAnswerIsOneLastChunk() {
        assertThat(QueryAnswerChunks.split("q", "", 100, 1000))
                .containsExactly(new QueryResult("q", 0, true, "", null, false));
    }

    @Test
    void anAnswerOverTheBoundIsCutBetweenCharactersAndMarkedTruncated() {
        String answer = "€".repeat(10); // 3 bytes each
        List<QueryResult> chunks = QueryAnswerChunks.split("q", answer, 8, 10);

        QueryAnswerAssembly.Answered assembled = (QueryAnswerAssembly.Answered) assemble(chunks, 1 << 20);
        assertThat(assembled.data()).isEqualTo("€€€");
        assertThat(assembled.truncated()).isTrue();
    }

    @Test
    void chunksOutOfOrderOrBeyondTheBoundEndTheAnswerWithAnError() {
        QueryAnswerAssembly skipped = new QueryAnswerAssembly(1000);
        assertThat(skipped.accept(new QueryResult("q", 1, true, "x", null, false)))
                .isInstanceOfSatisfying(QueryAnswerAssembly.Failed.class,
                        f -> assertThat(f.error().message()).contains("out of order"));

        QueryAnswerAssembly tooMuch = new QueryAnswerAssembly(3);
        assertThat(tooMuch.accept(new QueryResult("q", 0, false, "ab", null, false))).isNull();
        assertThat(tooMuch.accept(new QueryResult("q", 1, true, "cd", null, false)))
                .isInstanceOfSatisfying(QueryAnswerAssembly.Failed.class,
                        f -> assertThat(f.error().message()).contains("exceeds 3 bytes"));
    }

    @Test
    void anErrorChunkIsTheOutcome() {
        QueryResult failed = QueryResult.failed("q", QueryError.Code.NOT_FOUND, "no such node");
        assertThat(new QueryAnswerAssembly(10).accept(failed)).isEqualTo(new QueryAnswerAssembly.Failed(failed.error()));
    }

    private static QueryAnswerAssembly.Outcome assemble(List<QueryResult> chunks, int bound) {
        QueryAnswerAssembly assembly = new QueryAnswerAssembly(bound);
        QueryAnswerAssembly.Outcome outcome = null;
        for (QueryResult chunk : chunks) {
            assertThat(outcome).as("no outcome before the last chunk").isNull();
            outcome = assembly.accept(chunk);
        }
        return outcome;
    }
}
