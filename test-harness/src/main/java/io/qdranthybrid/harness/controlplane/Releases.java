package io.qdranthybrid.harness.controlplane;

import io.qdranthybrid.crd.QdrantVersion;
import io.qdranthybrid.platform.desired.DesiredStateStore;
import io.qdranthybrid.platform.environment.Environment;
import io.qdranthybrid.platform.release.Release;
import io.qdranthybrid.platform.release.ReleaseCatalogue;
import io.qdranthybrid.platform.release.UpgradePlan;
import io.qdranthybrid.platform.release.VersionVerdict;
import io.qdranthybrid.protocol.message.ResourceKey;
import io.qdranthybrid.protocol.message.ResourceKind;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The release catalogue: which Qdrant versions clusters may run. Published to every bootstrapped environment as
 * QdrantRelease objects through desired state (the operator reads them to find the patch of each minor an upgrade
 * steps through), and checked here before a cluster is created or upgraded.
 */
public final class Releases {

    private final ControlPlaneContext context;
    private volatile ReleaseCatalogue catalogue;

    Releases(ControlPlaneContext context, ReleaseCatalogue catalogue) {
        this.context = context;
        this.catalogue = catalogue;
    }

    public ReleaseCatalogue catalogue() {
        return catalogue;
    }

    /** Every release, newest first, as the API lists them. */
    public List<ReleaseView> list() {
        List<ReleaseView> views = new java.util.ArrayList<>(catalogue.releases().stream().map(ReleaseView::of).toList());
        java.util.Collections.reverse(views);
        return views;
    }

    /** Replaces the catalogue and publishes it to every bootstrapped environment; clusters keep running what they run. */
    public synchronized void replace(ReleaseCatalogue next) {
        this.catalogue = next;
        context.registry().list().stream().filter(Environment::bootstrapped).map(Environment::id)
                .forEach(this::publishTo);
        context.events().publish(ControlPlaneEvent.Type.RELEASES_CHANGED, "", "",
                next.releases().size() + " releases, default "
                        + next.defaultRelease().map(r -> r.version().toString()).orElse("none"));
    }

    /** Makes the environment's QdrantRelease objects the catalogue: puts what changed, deletes what left it. */
    synchronized void publishTo(String environmentId) {
        DesiredStateStore store = context.desired(environmentId);
        String namespace = store.namespace();
        Set<String> names = catalogue.releases().stream().map(ReleaseManifests::name).collect(Collectors.toSet());
        for (ResourceKey key : store.keys()) {
            if (key.kind() == ResourceKind.QDRANT_RELEASE && !names.contains(key.name())) {
                store.delete(key);
            }
        }
        for (Release release : catalogue.releases()) {
            store.put(store.key(ResourceKind.QDRANT_RELEASE, ReleaseManifests.name(release)),
                    ReleaseManifests.manifest(release, namespace, context.settings().customerId()));
        }
    }

    /**
     * @return the release, which may be end of life
     * @throws UnprocessableRequestException when the version is not released or unavailable, naming what is available
     */
    Release requireOffered(String version) {
        VersionVerdict verdict = catalogue.check(version);
        if (verdict instanceof VersionVerdict.Refused refused) {
            throw new UnprocessableRequestException(refused.reason());
        }
        return ((VersionVerdict.Allowed) verdict).release();
    }

    /**
     * Refuses a jump over a minor version with the path to take instead. The operator could walk it alone, but the
     * control plane asks for one minor at a time so that each step is seen, and can be stopped, by the user.
     *
     * @throws InvalidRequestException when going from {@code from} to {@code to} skips a minor the catalogue can step through
     */
    void requireNoSkippedMinor(String clusterId, String from, String to) {
        Optional<QdrantVersion> current = QdrantVersion.parse(from);
        Optional<QdrantVersion> target = QdrantVersion.parse(to);
        if (current.isEmpty() || target.isEmpty() || !current.get().skipsMinorVersionTo(target.get())
                || target.get().compareTo(current.get()) < 0) {
            return;
        }
        if (catalogue.upgradePath(current.get(), to) instanceof UpgradePlan.Steps steps) {
            throw new InvalidRequestException("cluster " + clusterId + ": version: upgrading from " + from + " to " + to
                    + " skips a minor version, which Qdrant's storage does not support; upgrade one minor at a time: "
                    + describe(steps));
        }
    }

    /**
     * The path from the version the cluster asks for now to {@code to}.
     *
     * @throws UnprocessableRequestException when there is none, saying why
     */
    UpgradePathView upgradePath(String clusterId, String from, String to) {
        if (to == null || to.isBlank()) {
            throw new InvalidRequestException("query parameter 'to' is required, e.g. ?to=" + catalogue.defaultRelease()
                    .map(r -> r.version().toString()).orElse("v1.13.6"));
        }
        QdrantVersion current = QdrantVersion.parse(from).orElseThrow(() -> new UnprocessableRequestException(
                "cluster " + clusterId + " asks for '" + from + "', which is not a version to upgrade from"));
        UpgradePlan plan = catalogue.upgradePath(current, to);
        if (plan instanceof UpgradePlan.Refused refused) {
            throw new UnprocessableRequestException("cluster " + clusterId + ": " + refused.reason());
        }
        UpgradePlan.Steps steps = (UpgradePlan.Steps) plan;
        return new UpgradePathView(clusterId, from, to, steps.steps().stream().map(ReleaseView::of).toList(),
                steps.next().map(r -> r.version().toString()).orElse(""));
    }

    /** The next version on the way to the newest available release; empty when there is none to go to. */
    String nextUpgrade(String from) {
        Optional<QdrantVersion> current = QdrantVersion.parse(from);
        List<Release> offered = catalogue.offered();
        if (current.isEmpty() || offered.isEmpty()) {
            return "";
        }
        String newest = offered.get(offered.size() - 1).version().toString();
        return catalogue.upgradePath(current.get(), newest) instanceof UpgradePlan.Steps steps
                ? steps.next().map(r -> r.version().toString()).orElse("") : "";
    }

    /** Whether the catalogue marks the version end of life. */
    boolean endOfLife(String version) {
        return QdrantVersion.parse(version).flatMap(catalogue::find).map(Release::endOfLife).orElse(false);
    }

    private static String describe(UpgradePlan.Steps steps) {
        List<String> versions = steps.steps().stream().map(r -> r.version().toString()).toList();
        return String.join(", then ", versions);
    }
}
