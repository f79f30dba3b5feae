package io.qdranthybrid.platform.access;

class AccessKeysTest extends AccessKeyStoreContract {

    @Override
    protected AccessKeyStore newStore() {
        return new InMemoryAccessKeyStore();
    }
}
