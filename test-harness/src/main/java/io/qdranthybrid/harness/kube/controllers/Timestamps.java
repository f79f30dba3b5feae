package io.qdranthybrid.harness.kube.controllers;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Kubernetes metav1.Time: RFC 3339 in UTC with second precision. */
final class Timestamps {

    private Timestamps() {
    }

    static String format(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
