package io.qdranthybrid.operator.backup;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * A standard 5-field cron expression in UTC: minute, hour, day of month, month, day of week. Each field takes
 * {@code *}, numbers, ranges {@code a-b}, steps {@code * /n} or {@code a-b/n}, and comma lists; months and weekdays
 * also take names (JAN, MON). As in cron, when both day fields are restricted a day matching either one runs.
 */
public final class CronExpression implements CronSchedule {

    /** How far ahead to look for a run; a leap day is at most 8 years away. */
    private static final int SEARCH_YEARS = 9;
    private static final List<String> MONTH_NAMES =
            List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
    private static final List<String> DAY_NAMES = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

    private record Field(String name, int min, int max, List<String> names, int namesOffset) {
    }

    private static final Field MINUTE = new Field("minute", 0, 59, List.of(), 0);
    private static final Field HOUR = new Field("hour", 0, 23, List.of(), 0);
    private static final Field DAY_OF_MONTH = new Field("day of month", 1, 31, List.of(), 0);
    private static final Field MONTH = new Field("month", 1, 12, MONTH_NAMES, 1);
    // 7 is accepted for Sunday, as in Vixie cron.
    private static final Field DAY_OF_WEEK = new Field("day of week", 0, 7, DAY_NAMES, 0);

    private final String text;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean dayOfMonthRestricted;
    private final boolean dayOfWeekRestricted;

    private CronExpression(String text, BitSet minutes, BitSet hours, BitSet daysOfMonth, BitSet months,
                           BitSet daysOfWeek, boolean dayOfMonthRestricted, boolean dayOfWeekRestricted) {
        this.text = text;
        this.minutes = minutes;
        this.hours = hours;
        this.daysOfMonth = daysOfMonth;
        this.months = months;
        this.daysOfWeek = daysOfWeek;
        this.dayOfMonthRestricted = dayOfMonthRestricted;
        this.dayOfWeekRestricted = dayOfWeekRestricted;
    }

    /** The expression as written. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }

    /** @throws InvalidScheduleException naming the field and the accepted values */
    public static CronExpression parse(String text) throws InvalidScheduleException {
        String[] fields = text.trim().split("\\s+");
        if (fields.length != 5) {
            throw new InvalidScheduleException("schedule \"" + text + "\" has " + fields.length + " fields; use 5 "
                    + "(minute hour day-of-month month day-of-week, in UTC), e.g. \"0 3 * * *\" for 03:00 every day");
        }
        BitSet daysOfWeek = parseField(text, fields[4], DAY_OF_WEEK);
        if (daysOfWeek.get(7)) {
            daysOfWeek.set(0);
            daysOfWeek.clear(7);
        }
        CronExpression expression = new CronExpression(text, parseField(text, fields[0], MINUTE),
                parseField(text, fields[1], HOUR), parseField(text, fields[2], DAY_OF_MONTH),
                parseField(text, fields[3], MONTH), daysOfWeek, restricted(fields[2]), restricted(fields[4]));
        if (expression.search(Instant.parse("2000-01-01T00:00:00Z")) == null) {
            throw new InvalidScheduleException("schedule \"" + text + "\" never runs (no such date, e.g. 30 February)");
        }
        return expression;
    }

    @Override
    public Instant nextAfter(Instant after) {
        Instant next = search(after);
        if (next == null) {
            // parse() proved the expression runs at least every SEARCH_YEARS years.
            throw new IllegalStateException("schedule \"" + text + "\" has no run in " + SEARCH_YEARS + " years after " + after);
        }
        return next;
    }

    private Instant search(Instant after) {
        LocalDateTime time = LocalDateTime.ofInstant(after, ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        LocalDateTime limit = time.plusYears(SEARCH_YEARS);
        while (time.isBefore(limit)) {
            if (!months.get(time.getMonthValue())) {
                time = time.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
            } else if (!dayMatches(time)) {
                time = time.truncatedTo(ChronoUnit.DAYS).plusDays(1);
            } else if (!hours.get(time.getHour())) {
                time = time.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            } else if (!minutes.get(time.getMinute())) {
                time = time.plusMinutes(1);
            } else {
                return time.toInstant(ZoneOffset.UTC);
            }
        }
        return null;
    }

    private boolean dayMatches(LocalDateTime time) {
        boolean dom = daysOfMonth.get(time.getDayOfMonth());
        boolean dow = daysOfWeek.get(time.getDayOfWeek().getValue() % 7);
        if (dayOfMonthRestricted && dayOfWeekRestricted) {
            return dom || dow;
        }
        return dom && dow;
    }

    private static boolean restricted(String field) {
        return !(field.startsWith("*") || field.startsWith("?"));
    }

    private static BitSet parseField(String text, String field, Field spec) throws InvalidScheduleException {
        BitSet values = new BitSet();
        for (String item : field.split(",", -1)) {
            parseItem(text, item, spec, values);
        }
        return values;
    }

    private static void parseItem(String text, String item, Field spec, BitSet values) throws InvalidScheduleException {
        String range = item;
        int step = 1;
        int slash = item.indexOf('/');
        if (slash >= 0) {
            range = item.substring(0, slash);
            step = number(text, item.substring(slash + 1), spec, "step");
            if (step < 1) {
                throw invalid(text, spec, "step " + step + " must be at least 1");
            }
        }
        int from;
        int to;
        if (range.equals("*") || range.equals("?")) {
            from = spec.min();
            to = spec.max() == 7 ? 6 : spec.max();
        } else if (range.contains("-")) {
            String[] bounds = range.split("-", -1);
            if (bounds.length != 2) {
                throw invalid(text, spec, "\"" + item + "\" is not a range like 1-5");
            }
            from = value(text, bounds[0], spec);
            to = value(text, bounds[1], spec);
            if (from > to) {
                throw invalid(text, spec, "range " + range + " starts after it ends");
            }
        } else {
            from = value(text, range, spec);
            // "a/n" means from a to the end in steps of n.
            to = slash >= 0 ? spec.max() : from;
        }
        for (int v = from; v <= to; v += step) {
            values.set(v);
        }
    }

    private static int value(String text, String token, Field spec) throws InvalidScheduleException {
        int index = spec.names().indexOf(token.toUpperCase(Locale.ROOT));
        int value = index >= 0 ? index + spec.namesOffset() : number(text, token, spec, "value");
        if (value < spec.min() || value > spec.max()) {
            throw invalid(text, spec, value + " is outside " + spec.min() + "-" + spec.max());
        }
        return value;
    }

    private static int number(String text, String token, Field spec, String what) throws InvalidScheduleException {
        try {
            return Integer.parseInt(token);
        } catch (NumberFormatException e) {
            throw invalid(text, spec, what + " \"" + token + "\" is not a number"
                    + (spec.names().isEmpty() ? "" : " or one of " + spec.names()));
        }
    }

    private static InvalidScheduleException invalid(String text, Field spec, String why) {
        return new InvalidScheduleException("schedule \"" + text + "\", " + spec.name() + " field: " + why);
    }
}
