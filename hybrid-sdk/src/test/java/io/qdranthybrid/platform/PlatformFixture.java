package io.qdranthybrid.platform;

import com.fasterxml.jackson.databind.JsonNode;
import io.qdranthybrid.platform.access.AccessKeys;
import io.qdranthybrid.platform.access.InMemoryAccessKeyStore;
import io.qdranthybrid.platform.desired.DesiredStateRepository;
import io.qdranthybrid.platform.desired.DesiredStateStores;
import io.qdranthybrid.platform.desired.InMemoryDesiredStateRepository;
import io.qdranthybrid.platform.environment.Environment;
import io.qdranthybrid.platform.environment.EnvironmentConfiguration;
import io.qdranthybrid.platform.environment.InMemoryEnvironmentRegistry;
import io.qdranthybrid.platform.session.AgentGateway;
import io.qdranthybrid.platform.session.SessionLimits;
import io.qdranthybrid.platform.session.SessionSettings;
import io.qdranthybrid.platform.sink.InMemoryStatusSink;
import io.qdranthybrid.platform.sink.InMemoryTelemetrySink;
import io.qdranthybrid.protocol.SampleMessages;
import io.qdranthybrid.protocol.message.AccessKey;
import io.qdranthybrid.protocol.message.ComponentPhase;
import io.qdranthybrid.protocol.message.ComponentStatus;
import io.qdranthybrid.protocol.message.EnvironmentStatus;
import io.qdranthybrid.protocol.message.NodeCapacity;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** One control plane's worth of platform pieces with in-memory defaults, for tests. */
public final class PlatformFixture {

    public final Clock clock;
    public final InMemoryEnvironmentRegistry registry;
    public final AccessKeys keys;
    public final DesiredStateStores stores;
    public final InMemoryStatusSink statuses = new InMemoryStatusSink();
    public final InMemoryTelemetrySink telemetry = new InMemoryTelemetrySink(100);
    public final AgentGateway gateway;

    private final SessionSettings settings;
    private final SessionLimits limits;
    private final int historyLimit;

    public PlatformFixture(Clock clock, SessionSettings settings, int historyLimit) {
        this(clock, settings, historyLimit, new InMemoryDesiredStateRepository());
    }

    public PlatformFixture(Clock clock, SessionSettings settings, int historyLimit, DesiredStateRepository desired) {
        this(clock, settings, SessionLimits.DEFAULT, historyLimit, new InMemoryEnvironmentRegistry(clock),
                new AccessKeys(new InMemoryAccessKeyStore(), clock), desired);
    }

    public PlatformFixture(Clock clock, SessionSettings settings, SessionLimits limits) {
        this(clock, settings, limits, 100, new InMemoryEnvironmentRegistry(clock),
                new AccessKeys(new InMemoryAccessKeyStore(), clock), new InMemoryDesiredStateRepository());
    }

    private PlatformFixture(Clock clock, SessionSettings settings, SessionLimits limits, int historyLimit,
                            InMemoryEnvironmentRegistry registry, AccessKeys keys, DesiredStateRepository desired) {
        this.clock = clock;
        this.settings = settings;
        this.limits = limits;
        this.historyLimit = historyLimit;
        this.registry = registry;
        this.keys = keys;
        this.stores = new DesiredStateStores(registry, historyLimit, desired);
        this.gateway = AgentGateway.builder(registry, keys, stores).statusSink(statuses).telemetrySink(telemetry)
                .settings(settings).limits(limits).clock(clock).build();
    }

    /**
     * The control plane after a restart: environments and keys as before (a platform keeps those), a new gateway and
     * new stores that start from {@code desired}. Close this fixture's gateway first.
     */
    public PlatformFixture restarted(DesiredStateRepository desired) {
        return new PlatformFixture(clock, settings, limits, historyLimit, registry, keys, desired);
    }

    public Environment environment(String name, String namespace) {
        return registry.create(name, namespace, EnvironmentConfiguration.defaults());
    }

    /** The secret half of a key, to assert where it must never appear. */
    public static String secretOf(AccessKey key) {
        return key.reveal().substring(key.reveal().indexOf('|') + 1);
    }

    public static JsonNode clusterManifest(String name, int size) {
        return SampleMessages.json("""
                {"apiVersion":"qdrant.io/v1","kind":"QdrantCluster","metadata":{"name":"%s"},
                 "spec":{"id":"%s","version":"v1.15.0","size":%d}}""".formatted(name, name, size));
    }

    public static EnvironmentStatus environmentStatus(Instant at, ComponentPhase operator, ComponentPhase exporter) {
        return new EnvironmentStatus("v1.31.2", "K3S", 3, new NodeCapacity("24", "96Gi", "300Gi"),
                List.of("local-path"), List.of("csi-snapclass"),
                List.of(new ComponentStatus("qdrant-operator", "qdrant", "0.1.0", operator, ""),
                        new ComponentStatus("qdrant-cluster-exporter", "qdrant", "0.1.0", exporter,
                                exporter == ComponentPhase.READY ? "" : "deployment has 0/1 ready replicas")),
                at);
    }
}
