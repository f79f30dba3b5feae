package io.qdranthybrid.platform.release;

import io.qdranthybrid.crd.QdrantVersion;
import io.qdranthybrid.operator.cluster.UpgradePath;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The Qdrant versions clusters may run, as the control plane publishes them to each environment (QdrantRelease
 * objects). Pure: it decides whether a version may be created or upgraded to and which path an upgrade takes.
 *
 * <pre>{@code
 * ReleaseCatalogue catalogue = new ReleaseCatalogue(List.of(Release.of("v1.12.3"), Release.of("v1.13.6").asDefault()));
 * catalogue.check("v9.9.9");                        // Refused: "v9.9.9 is not a released Qdrant version; available: …"
 * catalogue.upgradePath(v1_12_3, v1_14_1);          // Steps [v1.13.6, v1.14.1]
 * }</pre>
 */
public final class ReleaseCatalogue {

    private final List<Release> releases;

    /** @throws IllegalArgumentException for a version listed twice or more than one default */
    public ReleaseCatalogue(Collection<Release> releases) {
        List<Release> sorted = releases.stream().sorted(Comparator.comparing(Release::version)).toList();
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).version().equals(sorted.get(i - 1).version())) {
                throw new IllegalArgumentException(sorted.get(i).version() + " is listed twice");
            }
        }
        // The CRD: "There should be only 1 Qdrant version in the platform set as default."
        List<Release> defaults = sorted.stream().filter(Release::isDefault).toList();
        if (defaults.size() > 1) {
            throw new IllegalArgumentException("only one release may be the default, but " + defaults.stream()
                    .map(r -> r.version().toString()).collect(Collectors.joining(", ")) + " are");
        }
        this.releases = sorted;
    }

    /** Every release, oldest first. */
    public List<Release> releases() {
        return releases;
    }

    public Optional<Release> find(QdrantVersion version) {
        return releases.stream().filter(r -> r.version().equals(version)).findFirst();
    }

    /** The release preselected for new clusters: the marked default, else the newest available one. */
    public Optional<Release> defaultRelease() {
        return releases.stream().filter(Release::isDefault).findFirst()
                .or(() -> offered().stream().reduce((older, newer) -> newer));
    }

    /** Releases a cluster may be created with or upgraded to, oldest first. */
    public List<Release> offered() {
        return releases.stream().filter(Release::offered).toList();
    }

    /** Whether a cluster may run {@code version}: released and not unavailable (end of life is allowed, and said). */
    public VersionVerdict check(String version) {
        Optional<Release> release = QdrantVersion.parse(version).flatMap(this::find);
        if (release.isEmpty()) {
            return new VersionVerdict.Refused(version + " is not a released Qdrant version; " + available());
        }
        if (release.get().unavailable()) {
            String remarks = release.get().remarks().isEmpty() ? "" : " (" + release.get().remarks() + ")";
            return new VersionVerdict.Refused(version + " is unavailable" + remarks + "; " + available());
        }
        return new VersionVerdict.Allowed(release.get());
    }

    /**
     * The versions to run in turn from {@code from} to {@code to}: one minor at a time, each intermediate minor at its
     * latest available patch, the target last. The step rule is the operator's own ({@link UpgradePath}), given the
     * same available releases it reads from the QdrantRelease objects, so the path offered is the path it walks.
     */
    public UpgradePlan upgradePath(QdrantVersion from, String to) {
        VersionVerdict target = check(to);
        if (target instanceof VersionVerdict.Refused refused) {
            return new UpgradePlan.Refused(refused.reason());
        }
        QdrantVersion goal = ((VersionVerdict.Allowed) target).release().version();
        List<QdrantVersion> known = offered().stream().map(Release::version).toList();
        List<Release> steps = new ArrayList<>();
        QdrantVersion at = from;
        while (true) {
            UpgradePath.Step step = UpgradePath.next(at, goal, known);
            if (step instanceof UpgradePath.Step.Refused refused) {
                return new UpgradePlan.Refused(refused.reason());
            }
            if (step instanceof UpgradePath.Step.Arrived) {
                return new UpgradePlan.Steps(steps);
            }
            QdrantVersion next = ((UpgradePath.Step.To) step).version();
            Optional<Release> release = find(next).filter(Release::offered);
            if (release.isEmpty()) {
                return new UpgradePlan.Refused("no available v" + next.major() + "." + next.minor() + ".x release to"
                        + " step through on the way from " + from + " to " + goal + ", and Qdrant's storage moves one"
                        + " minor version at a time; " + available());
            }
            steps.add(release.get());
            at = next;
        }
    }

    /** "available: v1.16.3 (default), v1.15.5, …": the latest available patch of each minor, newest first. */
    String available() {
        Map<String, Release> latestPerMinor = new LinkedHashMap<>();
        offered().forEach(r -> latestPerMinor.put(r.version().major() + "." + r.version().minor(), r));
        if (latestPerMinor.isEmpty()) {
            return "no Qdrant version is available in the release catalogue";
        }
        List<Release> newestFirst = new ArrayList<>(latestPerMinor.values());
        java.util.Collections.reverse(newestFirst);
        defaultRelease().filter(d -> !newestFirst.contains(d)).ifPresent(d -> newestFirst.add(0, d));
        return "available: " + newestFirst.stream().map(Release::describe).collect(Collectors.joining(", "))
                + " (the latest patch of each minor; earlier patches are listed in the release catalogue)";
    }
}
