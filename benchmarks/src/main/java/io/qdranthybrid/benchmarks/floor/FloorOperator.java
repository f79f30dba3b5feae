package io.qdranthybrid.benchmarks.floor;

import io.qdranthybrid.benchmarks.compare.JosdkOperatorUnderTest;
import io.qdranthybrid.operator.cluster.OperatorDefaults;

import java.time.Duration;

/** The floor ({@link FloorQdrantClusterReconciler}) run by a JOSDK operator. */
public final class FloorOperator {

    public static final String USER_AGENT = "floor-operator";

    private FloorOperator() {
    }

    public static JosdkOperatorUnderTest create(int workers, Duration resyncPeriod) {
        return new JosdkOperatorUnderTest("floor", USER_AGENT,
                cluster -> new FloorQdrantClusterReconciler(OperatorDefaults.hybrid(), cluster.operatorEndpoints()),
                workers, resyncPeriod);
    }
}
