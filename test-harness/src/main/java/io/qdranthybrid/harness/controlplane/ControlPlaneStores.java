package io.qdranthybrid.harness.controlplane;

import io.qdranthybrid.platform.access.AccessKeyStore;
import io.qdranthybrid.platform.access.InMemoryAccessKeyStore;
import io.qdranthybrid.platform.desired.DesiredStateRepository;
import io.qdranthybrid.platform.desired.InMemoryDesiredStateRepository;
import io.qdranthybrid.platform.environment.EnvironmentRegistry;
import io.qdranthybrid.platform.environment.InMemoryEnvironmentRegistry;

import java.time.Clock;

/**
 * Where the simulated control plane keeps what the platform decided (environments, access-key hashes, desired state):
 * in memory by default, or in a database a sandbox user points it at. Closing releases what the stores hold open.
 */
public record ControlPlaneStores(EnvironmentRegistry environments, AccessKeyStore accessKeys,
                                 DesiredStateRepository desiredState, AutoCloseable resources) {

    public static ControlPlaneStores inMemory(Clock clock) {
        return new ControlPlaneStores(new InMemoryEnvironmentRegistry(clock), new InMemoryAccessKeyStore(),
                new InMemoryDesiredStateRepository(), () -> { });
    }
}
