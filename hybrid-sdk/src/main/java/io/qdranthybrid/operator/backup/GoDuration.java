package io.qdranthybrid.operator.backup;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as Go writes them ({@code 1h30m}, {@code 2s}, {@code 1m10s}): the form the CRDs use. */
public final class GoDuration {

    private static final Pattern WHOLE = Pattern.compile("^([0-9]+(ns|us|µs|ms|s|m|h))+$");
    private static final Pattern PART = Pattern.compile("([0-9]+)(ns|us|µs|ms|s|m|h)");

    private GoDuration() {
    }

    /**
     * Parses a sequence of integer amounts with units, e.g. {@code 1h30m} or {@code 500ms}.
     *
     * @throws IllegalArgumentException naming the accepted form when the text is not such a duration
     */
    public static Duration parse(String text) {
        if (text == null || !WHOLE.matcher(text).matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a duration like 1h30m, 2s or 500ms");
        }
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(text);
        while (part.find()) {
            long amount;
            try {
                amount = Long.parseLong(part.group(1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("\"" + text + "\" has an amount too large: " + part.group(1), e);
            }
            total = total.plus(switchUnit(amount, part.group(2)));
        }
        return total;
    }

    private static Duration switchUnit(long amount, String unit) {
        if (unit.equals("h")) {
            return Duration.ofHours(amount);
        } else if (unit.equals("m")) {
            return Duration.ofMinutes(amount);
        } else if (unit.equals("s")) {
            return Duration.ofSeconds(amount);
        } else if (unit.equals("ms")) {
            return Duration.ofMillis(amount);
        } else if (unit.equals("us") || unit.equals("µs")) {
            return Duration.ofNanos(amount * 1_000);
        }
        return Duration.ofNanos(amount);
    }

    /** Go's format to whole seconds ({@code 0s}, {@code 45s}, {@code 1m10s}, {@code 2h0m5s}); below a second in ms. */
    public static String format(Duration duration) {
        if (duration.isNegative()) {
            return "-" + format(duration.negated());
        }
        if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
            return duration.isZero() ? "0s" : duration.toMillis() + "ms";
        }
        long seconds = duration.getSeconds();
        long hours = seconds / 3600;
        long minutes = (seconds % 3600) / 60;
        long rest = seconds % 60;
        StringBuilder text = new StringBuilder();
        if (hours > 0) {
            text.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            text.append(minutes).append('m');
        }
        return text.append(rest).append('s').toString();
    }
}
