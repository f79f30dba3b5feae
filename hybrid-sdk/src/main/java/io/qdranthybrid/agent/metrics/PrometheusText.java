package io.qdranthybrid.agent.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the Prometheus text exposition format (version 0.0.4, what Qdrant's {@code /metrics} serves): one sample per
 * line, {@code name{label="value",...} value [timestamp]}, comments and HELP/TYPE lines skipped. A malformed line is
 * skipped rather than failing the scrape: one odd metric must not hide the others.
 * Format: https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format
 */
public final class PrometheusText {

    /** One sample line. */
    public record Sample(String name, Map<String, String> labels, double value) {
        public Sample {
            labels = Map.copyOf(labels);
        }
    }

    private PrometheusText() {
    }

    public static List<Sample> parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Sample sample = parseLine(line);
            if (sample != null) {
                samples.add(sample);
            }
        }
        return samples;
    }

    private static Sample parseLine(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        Map<String, String> labels = new LinkedHashMap<>();
        String name;
        String rest;
        if (brace >= 0 && (space < 0 || brace < space)) {
            name = line.substring(0, brace);
            int end = parseLabels(line, brace + 1, labels);
            if (end < 0) {
                return null;
            }
            rest = line.substring(end + 1).strip();
        } else if (space > 0) {
            name = line.substring(0, space);
            rest = line.substring(space + 1).strip();
        } else {
            return null;
        }
        String number = rest.split("\\s+")[0];
        try {
            double value = switch (number) {
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                case "NaN" -> Double.NaN;
                default -> Double.parseDouble(number);
            };
            return name.isEmpty() ? null : new Sample(name, labels, value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Reads {@code a="x",b="y"} up to the closing brace; returns its index, or -1 when the line is malformed. */
    private static int parseLabels(String line, int from, Map<String, String> labels) {
        int i = from;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '}') {
                return i;
            }
            if (c == ',' || c == ' ') {
                i++;
                continue;
            }
            int eq = line.indexOf('=', i);
            if (eq < 0 || eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
                return -1;
            }
            String key = line.substring(i, eq).strip();
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            boolean closed = false;
            while (j < line.length()) {
                char v = line.charAt(j);
                if (v == '\\' && j + 1 < line.length()) {
                    char next = line.charAt(j + 1);
                    value.append(next == 'n' ? '\n' : next);
                    j += 2;
                } else if (v == '"') {
                    closed = true;
                    j++;
                    break;
                } else {
                    value.append(v);
                    j++;
                }
            }
            if (!closed) {
                return -1;
            }
            labels.put(key, value.toString());
            i = j;
        }
        return -1;
    }
}
