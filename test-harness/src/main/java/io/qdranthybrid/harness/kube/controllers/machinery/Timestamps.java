package io.qdranthybrid.harness.kube.controllers.machinery;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Kubernetes metav1.Time: RFC 3339 in UTC with second precision. */
public final class Timestamps {

    private Timestamps() {
    }

    public static String format(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
