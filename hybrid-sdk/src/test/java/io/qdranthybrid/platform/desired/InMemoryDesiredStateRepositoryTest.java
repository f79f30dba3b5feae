package io.qdranthybrid.platform.desired;

class InMemoryDesiredStateRepositoryTest extends DesiredStateRepositoryContract {

    @Override
    protected DesiredStateRepository newRepository() {
        return new InMemoryDesiredStateRepository();
    }
}
