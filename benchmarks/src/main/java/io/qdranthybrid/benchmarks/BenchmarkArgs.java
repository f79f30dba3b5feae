package io.qdranthybrid.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code --name value} options of a benchmark's command line, with typed readers and defaults. */
public final class BenchmarkArgs {

    private final Map<String, String> options = new HashMap<>();

    private BenchmarkArgs() {
    }

    /**
     * @throws IllegalArgumentException for a word that is not an option or an option without a value
     */
    public static BenchmarkArgs parse(String... args) {
        BenchmarkArgs parsed = new BenchmarkArgs();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected options as --name value, got " + Arrays.toString(args));
            }
            parsed.options.put(args[i].substring(2), args[++i]);
        }
        return parsed;
    }

    public int integer(String name, int fallback) {
        String value = options.get(name);
        return value == null ? fallback : Integer.parseInt(value.replace("_", "").replace(",", ""));
    }

    /** A comma-separated list of whole numbers, e.g. {@code --sizes 10,100,500}. */
    public List<Integer> integers(String name, List<Integer> fallback) {
        String value = options.get(name);
        if (value == null) {
            return fallback;
        }
        List<Integer> values = new ArrayList<>();
        for (String part : value.split(",")) {
            values.add(Integer.parseInt(part.trim()));
        }
        return values;
    }

    public Duration duration(String name, Duration fallback) {
        String value = options.get(name);
        return value == null ? fallback : parseDuration(value);
    }

    public String text(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, or ISO-8601 such as {@code PT30S}. */
    public static Duration parseDuration(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.startsWith("pt")) {
            return Duration.parse(value.toUpperCase(Locale.ROOT));
        }
        String[][] units = {{"ms", "MILLIS"}, {"s", "SECONDS"}, {"m", "MINUTES"}, {"h", "HOURS"}};
        for (String[] unit : units) {
            if (value.endsWith(unit[0])) {
                String amount = value.substring(0, value.length() - unit[0].length());
                if (!amount.isEmpty() && amount.chars().allMatch(Character::isDigit)) {
                    return Duration.of(Long.parseLong(amount), java.time.temporal.ChronoUnit.valueOf(unit[1]));
                }
            }
        }
        throw new IllegalArgumentException("\"" + text + "\" is not a duration; write e.g. 500ms, 30s, 5m or 1h");
    }
}
