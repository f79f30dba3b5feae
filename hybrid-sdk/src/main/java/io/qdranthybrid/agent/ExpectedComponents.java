package io.qdranthybrid.agent;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The component releases that should exist: configured ones plus every HelmRelease the desired state asked for.
 * One that is missing is reported NOT_FOUND rather than silently left out.
 */
public final class ExpectedComponents {

    private final Set<String> names = new ConcurrentSkipListSet<>();

    public ExpectedComponents(Collection<String> configured) {
        names.addAll(configured);
    }

    void expect(String releaseName) {
        names.add(releaseName);
    }

    void forget(String releaseName) {
        names.remove(releaseName);
    }

    public Set<String> names() {
        return new TreeSet<>(names);
    }
}
