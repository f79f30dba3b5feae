package io.qdranthybrid.operator.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.qdranthybrid.crd.QdrantVersion;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads of an empty namespace that know one API-key Secret ({@code demo-key/api-key}) and the given releases, and
 * count how often the Secret, the releases and Events are read.
 */
class CountingClusterReads implements ClusterReads {

    final AtomicInteger secretReads = new AtomicInteger();
    final AtomicInteger releaseReads = new AtomicInteger();
    final AtomicInteger eventReads = new AtomicInteger();
    /** The cluster's StatefulSet as the cache shows it; none unless a test sets one. */
    volatile StatefulSet statefulSet;
    private final List<QdrantVersion> releases;

    CountingClusterReads(List<QdrantVersion> releases) {
        this.releases = List.copyOf(releases);
    }

    CountingClusterReads() {
        this(List.of());
    }

    @Override
    public Optional<String> secretValue(String namespace, String name, String key) {
        secretReads.incrementAndGet();
        return "demo-key".equals(name) && "api-key".equals(key) ? Optional.of("s3cret") : Optional.empty();
    }

    @Override
    public <T extends HasMetadata> Optional<T> current(Class<T> type, String namespace, String name) {
        return Optional.empty();
    }

    @Override
    public Optional<StatefulSet> statefulSet(String namespace, String name) {
        return Optional.ofNullable(statefulSet);
    }

    @Override
    public List<Pod> pods(String namespace, Map<String, String> selector) {
        return List.of();
    }

    @Override
    public List<PersistentVolumeClaim> claims(String namespace, Map<String, String> selector) {
        return List.of();
    }

    @Override
    public List<Service> services(String namespace, Map<String, String> selector) {
        return List.of();
    }

    @Override
    public Optional<Boolean> storageClassExpandable(String storageClassName) {
        return Optional.empty();
    }

    @Override
    public List<io.fabric8.kubernetes.api.model.Event> events(String namespace, String kind, String name) {
        eventReads.incrementAndGet();
        return List.of();
    }

    @Override
    public List<QdrantVersion> knownReleases(String namespace) {
        releaseReads.incrementAndGet();
        return releases;
    }
}
