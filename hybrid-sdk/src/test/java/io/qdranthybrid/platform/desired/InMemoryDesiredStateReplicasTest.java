package io.qdranthybrid.platform.desired;

class InMemoryDesiredStateReplicasTest extends DesiredStateReplicasContract {

    private InMemoryDesiredStateRepository shared;

    @Override
    protected Replica firstReplica() {
        shared = new InMemoryDesiredStateRepository();
        return new Replica(shared, shared.changeFeed());
    }

    @Override
    protected Replica anotherReplica() {
        return new Replica(shared, shared.changeFeed());
    }
}
