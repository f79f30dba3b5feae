package io.qdranthybrid.platform.presence;

class InMemorySessionLeasesTest extends SessionLeasesContract {

    @Override
    protected SessionLeases newLeases() {
        return new InMemorySessionLeases();
    }

    @Override
    protected SessionLeases sameLeasesSeenByAnotherReplica() {
        return replicaA;
    }
}
