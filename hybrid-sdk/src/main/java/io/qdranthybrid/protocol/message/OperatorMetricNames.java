package io.qdranthybrid.protocol.message;

/**
 * Names of the compact set an agent reduces the operator's Prometheus endpoint to and reports as {@link MetricSample}s
 * with cluster id {@link MetricSample#ENVIRONMENT}; the control plane reads them back by the same names. All samples
 * of one scrape share their {@code at}. The totals are counters since the operator started (a restart lowers them),
 * summed over its controllers.
 */
public final class OperatorMetricNames {

    /** Every operator metric's name starts with this. */
    public static final String PREFIX = "qdrant_operator_";
    /** Label of {@link #UP} at 0: why the endpoint could not be read. */
    public static final String REASON = "reason";

    /** 1 when the endpoint answered, 0 (with {@value #REASON}) when it did not; the others are sent only at 1. */
    public static final String UP = "qdrant_operator_up";
    /** Reconciles finished, whatever their result ({@code controller_runtime_reconcile_total}). */
    public static final String RECONCILES_TOTAL = "qdrant_operator_reconciles_total";
    /** Reconciles that failed ({@code controller_runtime_reconcile_errors_total}). */
    public static final String RECONCILE_ERRORS_TOTAL = "qdrant_operator_reconcile_errors_total";
    /** Keys waiting in the work queues now ({@code workqueue_depth}). */
    public static final String QUEUE_DEPTH = "qdrant_operator_queue_depth";
    /** Workers running a reconcile now ({@code controller_runtime_active_workers}). */
    public static final String ACTIVE_WORKERS = "qdrant_operator_active_workers";

    private OperatorMetricNames() {
    }
}
