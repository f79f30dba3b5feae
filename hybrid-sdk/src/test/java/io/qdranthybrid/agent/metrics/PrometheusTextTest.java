package io.qdranthybrid.agent.metrics;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PrometheusTextTest {

    /** As Qdrant v1.12 serves it (src/common/metrics.rs): HELP and TYPE lines, labels with quotes. */
    private static final String QDRANT = """
            # HELP app_info information about qdrant server
            # TYPE app_info gauge
            app_info{name="qdrant",version="1.12.3"} 1
            # HELP collections_total number of collections
            # TYPE collections_total gauge
            collections_total 2
            # HELP rest_responses_total total number of responses
            # TYPE rest_responses_total counter
            rest_responses_total{method="GET",endpoint="/collections/{name}",status="200"} 17
            rest_responses_avg_duration_seconds{method="GET",endpoint="/collections",status="200"} 0.000321
            memory_resident_bytes 52428800 1700000000000
            """;

    @Test
    void readsNamesLabelsAndValuesAndSkipsCommentsAndTimestamps() {
        List<PrometheusText.Sample> samples = PrometheusText.parse(QDRANT);

        assertThat(samples).extracting(PrometheusText.Sample::name).containsExactly("app_info", "collections_total",
                "rest_responses_total", "rest_responses_avg_duration_seconds", "memory_resident_bytes");
        assertThat(samples.get(0).labels()).isEqualTo(Map.of("name", "qdrant", "version", "1.12.3"));
        assertThat(samples.get(2).labels()).containsEntry("endpoint", "/collections/{name}").containsEntry("status", "200");
        assertThat(samples.get(2).value()).isEqualTo(17);
        assertThat(samples.get(3).value()).isEqualTo(0.000321);
        assertThat(samples.get(4).value()).isEqualTo(52_428_800);
    }

    @Test
    void escapedQuotesInLabelValuesStayInTheValue() {
        List<PrometheusText.Sample> samples = PrometheusText.parse("m{path=\"a\\\"b\",x=\"1\"} 3\n");

        assertThat(samples).singleElement().satisfies(s -> {
            assertThat(s.labels()).containsEntry("path", "a\"b").containsEntry("x", "1");
            assertThat(s.value()).isEqualTo(3);
        });
    }

    @Test
    void aMalformedLineIsSkippedWithoutLosingTheOthers() {
        List<PrometheusText.Sample> samples = PrometheusText.parse("""
                good 1
                broken{label="unterminated} 2
                alsobroken notanumber
                other{a="b"} 4
                """);

        assertThat(samples).extracting(PrometheusText.Sample::name).containsExactly("good", "other");
    }
}
