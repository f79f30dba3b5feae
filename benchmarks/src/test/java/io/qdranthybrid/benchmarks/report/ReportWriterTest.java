package io.qdranthybrid.benchmarks.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ReportWriterTest {

    @TempDir
    Path results;

    private BenchmarkRun run(double seconds) {
        return new BenchmarkRun("convergence", "Convergence", "java -jar benchmarks.jar convergence")
                .figure("N=500: all Healthy after", seconds, "s")
                .figure("N=500: GET per cluster", 2, "")
                .target(Target.below("N=500: all Healthy after", 60))
                .target(Target.exactly("N=10: steady writes", 0))
                .note("noisy machine")
                .finish();
    }

    @Test
    void jsonHoldsFiguresTargetsVerdictsAndTheMachine() throws Exception {
        new ReportWriter(results).write(run(43.5));

        JsonNode json = new ObjectMapper().readTree(results.resolve("convergence.json").toFile());
        assertThat(json.path("command").asText()).isEqualTo("java -jar benchmarks.jar convergence");
        assertThat(json.path("figures").get(0).path("value").asDouble()).isEqualTo(43.5);
        assertThat(json.path("targets").get(0).path("verdict").asText()).isEqualTo("pass");
        assertThat(json.path("targets").get(1).path("verdict").asText()).isEqualTo("not measured");
        assertThat(json.path("machine").path("cores").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(json.path("notes").get(0).asText()).isEqualTo("noisy machine");
    }

    @Test
    void markdownShowsEachTargetsVerdictBesideItsFigure() throws Exception {
        Path markdown = new ReportWriter(results).write(run(75));

        String text = Files.readString(markdown);
        assertThat(text).contains("| N=500: all Healthy after | 75 s | < 60 s | FAIL |")
                .contains("| N=500: GET per cluster | 2 |  |  |")
                .contains("| N=10: steady writes | | = 0 | not measured |")
                .contains("cores");
    }

    @Test
    void eachRunAddsAHistoryRowAndReplacesTheLatestTable() throws Exception {
        ReportWriter writer = new ReportWriter(results);
        writer.write(run(75));
        Path markdown = writer.write(run(43.5));

        String text = Files.readString(markdown);
        assertThat(ReportWriter.historyRows(Files.readAllLines(markdown))).hasSize(2)
                .satisfiesExactly(first -> assertThat(first).contains("| 0/1 |").contains("75 s"),
                        second -> assertThat(second).contains("| 1/1 |").contains("43.50 s"));
        assertThat(text).containsOnlyOnce("## Latest run").doesNotContain("| N=500: all Healthy after | 75 s");
    }
}
