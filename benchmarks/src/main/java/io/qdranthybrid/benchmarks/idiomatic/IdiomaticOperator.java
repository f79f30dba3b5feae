package io.qdranthybrid.benchmarks.idiomatic;

import io.qdranthybrid.benchmarks.compare.JosdkOperatorUnderTest;

import java.time.Duration;

/** The idiomatic peer ({@link IdiomaticQdrantClusterReconciler}) run by a JOSDK operator with its defaults. */
public final class IdiomaticOperator {

    public static final String USER_AGENT = "idiomatic-josdk-operator";

    private IdiomaticOperator() {
    }

    public static JosdkOperatorUnderTest create(int workers, Duration resyncPeriod) {
        return new JosdkOperatorUnderTest("idiomatic JOSDK " + JosdkOperatorUnderTest.VERSION, USER_AGENT,
                cluster -> new IdiomaticQdrantClusterReconciler(cluster::qdrantEndpoint), workers, resyncPeriod);
    }
}
