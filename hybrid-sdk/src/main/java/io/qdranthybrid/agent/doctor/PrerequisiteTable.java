package io.qdranthybrid.agent.doctor;

import io.qdranthybrid.protocol.message.PrerequisiteCheck;
import io.qdranthybrid.protocol.message.PrerequisiteVerdict;

import java.util.List;

/** Prints checks as the {@code doctor} command shows them: one row per check, advice on the line below. */
public final class PrerequisiteTable {

    private PrerequisiteTable() {
    }

    public static String format(List<PrerequisiteCheck> checks) {
        int nameWidth = checks.stream().mapToInt(c -> c.name().length()).max().orElse(5);
        StringBuilder out = new StringBuilder();
        out.append(String.format("%-6s %-" + nameWidth + "s  %s%n", "RESULT", "CHECK", "FOUND"));
        for (PrerequisiteCheck check : checks) {
            out.append(String.format("%-6s %-" + nameWidth + "s  %s%n", check.verdict(), check.name(), check.found()));
            if (!check.advice().isEmpty()) {
                out.append(String.format("%-6s %-" + nameWidth + "s  -> %s%n", "", "", check.advice()));
            }
        }
        long failed = count(checks, PrerequisiteVerdict.FAIL);
        long warned = count(checks, PrerequisiteVerdict.WARN);
        out.append(String.format("%d passed, %d warned, %d failed%n", checks.size() - failed - warned, warned, failed));
        return out.toString();
    }

    public static boolean anyFailed(List<PrerequisiteCheck> checks) {
        return count(checks, PrerequisiteVerdict.FAIL) > 0;
    }

    private static long count(List<PrerequisiteCheck> checks, PrerequisiteVerdict verdict) {
        return checks.stream().filter(c -> c.verdict() == verdict).count();
    }
}
