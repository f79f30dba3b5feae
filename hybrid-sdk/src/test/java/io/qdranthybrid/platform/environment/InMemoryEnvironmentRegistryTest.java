package io.qdranthybrid.platform.environment;

import java.time.Clock;

class InMemoryEnvironmentRegistryTest extends EnvironmentRegistryContract {

    @Override
    protected EnvironmentRegistry newRegistry(Clock clock) {
        return new InMemoryEnvironmentRegistry(clock);
    }
}
