package io.qdranthybrid.platform.session;

class InMemoryCommandQueueTest extends CommandQueueContract {

    private InMemoryCommandQueue shared;

    @Override
    protected CommandQueue firstReplica() {
        shared = new InMemoryCommandQueue();
        return shared;
    }

    @Override
    protected CommandQueue anotherReplica() {
        return shared;
    }
}
