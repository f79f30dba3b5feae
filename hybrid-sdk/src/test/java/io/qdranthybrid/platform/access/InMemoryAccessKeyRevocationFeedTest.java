package io.qdranthybrid.platform.access;

class InMemoryAccessKeyRevocationFeedTest extends AccessKeyRevocationFeedContract {

    private InMemoryAccessKeyStore shared;

    @Override
    protected Replica firstReplica() {
        shared = new InMemoryAccessKeyStore();
        return new Replica(shared, shared.revocationFeed());
    }

    @Override
    protected Replica anotherReplica() {
        return new Replica(shared, shared.revocationFeed());
    }
}
