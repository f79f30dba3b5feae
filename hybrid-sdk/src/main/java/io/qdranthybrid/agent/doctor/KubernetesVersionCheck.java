package io.qdranthybrid.agent.doctor;

import io.qdranthybrid.protocol.message.PrerequisiteCheck;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cluster's Kubernetes version against the oldest this project supports and the upstream end-of-life dates.
 *
 * <p>Minimum 1.31: the QdrantEntity CRD declares {@code selectableFields}, served only with the
 * CustomResourceFieldSelectors feature, on by default from 1.31 (beta) and GA in 1.32 (kubernetes.io/docs/tasks/
 * extend-kubernetes/custom-resources/custom-resource-definitions/#crd-selectable-fields); older API servers drop it.
 * End-of-life dates from kubernetes.io/releases/patch-releases (upstream; managed offerings may support longer).
 */
public final class KubernetesVersionCheck {

    static final String NAME = "Kubernetes version";
    static final int MINIMUM_MINOR = 31;
    /** Warn this long before a minor release leaves upstream support. */
    static final long WARN_DAYS_BEFORE_END_OF_LIFE = 90;
    static final Map<Integer, LocalDate> END_OF_LIFE = Map.of(
            31, LocalDate.of(2025, 10, 28),
            32, LocalDate.of(2026, 2, 28),
            33, LocalDate.of(2026, 6, 28),
            34, LocalDate.of(2026, 10, 27),
            35, LocalDate.of(2027, 2, 28));
    private static final Pattern VERSION = Pattern.compile("^v?(\\d+)\\.(\\d+)");

    private KubernetesVersionCheck() {
    }

    public static PrerequisiteCheck check(Readout<String> gitVersion, LocalDate today) {
        if (!(gitVersion instanceof Readout.Found<String> found)) {
            return PrerequisiteCheck.warn(NAME, "cannot read the version: " + gitVersion.detail(),
                    "check that the agent can reach the API server's /version");
        }
        String version = found.value();
        Matcher matcher = VERSION.matcher(version == null ? "" : version.trim());
        if (!matcher.find() || !matcher.group(1).equals("1")) {
            return PrerequisiteCheck.warn(NAME, "version \"" + version + "\" is not a Kubernetes 1.x version",
                    "check the cluster's version by hand: at least 1." + MINIMUM_MINOR + " is needed");
        }
        int minor = Integer.parseInt(matcher.group(2));
        if (minor < MINIMUM_MINOR) {
            return PrerequisiteCheck.fail(NAME, version + " is older than the minimum 1." + MINIMUM_MINOR,
                    "upgrade the cluster to Kubernetes 1." + MINIMUM_MINOR + " or later: older API servers drop the "
                            + "QdrantEntity CRD's selectableFields");
        }
        Optional<LocalDate> endOfLife = Optional.ofNullable(END_OF_LIFE.get(minor));
        if (endOfLife.isEmpty()) {
            return PrerequisiteCheck.pass(NAME, version + " (supported upstream)");
        }
        LocalDate end = endOfLife.get();
        if (today.isAfter(end)) {
            return PrerequisiteCheck.warn(NAME, version + ": 1." + minor + " left upstream support on " + end,
                    "plan an upgrade to a supported minor release (your provider may still support 1." + minor + ")");
        }
        long daysLeft = ChronoUnit.DAYS.between(today, end);
        if (daysLeft <= WARN_DAYS_BEFORE_END_OF_LIFE) {
            return PrerequisiteCheck.warn(NAME, version + ": 1." + minor + " leaves upstream support on " + end
                    + " (in " + daysLeft + " days)", "plan an upgrade to the next minor release");
        }
        return PrerequisiteCheck.pass(NAME, version + " (supported upstream until " + end + ")");
    }
}
