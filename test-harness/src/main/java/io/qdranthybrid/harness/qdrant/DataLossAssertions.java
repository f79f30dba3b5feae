package io.qdranthybrid.harness.qdrant;

import java.util.List;
import java.util.stream.Collectors;

/** Turns recorded violations into one test failure that lists them all. */
final class DataLossAssertions {

    private DataLossAssertions() {
    }

    static void assertNone(List<DataLossViolation> violations) {
        if (!violations.isEmpty()) {
            throw new AssertionError(violations.size() + " data-safety violation(s):\n"
                    + violations.stream().map(v -> "  - " + v).collect(Collectors.joining("\n")));
        }
    }
}
