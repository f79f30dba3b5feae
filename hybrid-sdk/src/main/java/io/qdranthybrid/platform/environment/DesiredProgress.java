package io.qdranthybrid.platform.environment;

/**
 * Whether a desired resource has caught up with what was asked, and if not, why: "pending" is only useful with the
 * reason (the agent is away, refused, rejected the change, or simply has not reported yet). A pure function.
 *
 * @param pending true while the agent's report is older than the resource's desired revision
 * @param why     for a human; empty when not pending
 */
public record DesiredProgress(boolean pending, String why) {

    public static final DesiredProgress IN_SYNC = new DesiredProgress(false, "");

    public DesiredProgress {
        why = why == null ? "" : why;
    }

    /**
     * @param desiredRevision      the revision at which the resource was last changed
     * @param reportedRevision     the desired revision the agent had applied when it last reported the resource, 0 if never
     * @param presence             the agent's connection now
     * @param acknowledgedRevision the highest revision the connected agent confirmed, 0 if none
     * @param rejection            why the agent rejected the resource's latest revision, or null
     */
    public static DesiredProgress of(long desiredRevision, long reportedRevision, AgentPresence presence,
                                     long acknowledgedRevision, String rejection) {
        if (reportedRevision >= desiredRevision) {
            return IN_SYNC;
        }
        // Worded for the one line a user reads ("pending: not yet applied (agent disconnected since …)").
        String revisions = "; revision " + desiredRevision + ", last reported " + reportedRevision;
        if (rejection != null) {
            return new DesiredProgress(true, "not applied: the agent rejected it (" + rejection + ")" + revisions);
        }
        return switch (presence.state()) {
            case NEVER_CONNECTED -> new DesiredProgress(true, "not yet applied (the agent has not connected"
                    + " yet)" + revisions);
            case DISCONNECTED -> new DesiredProgress(true, "not yet applied (agent disconnected since "
                    + presence.since() + ")" + revisions);
            case REFUSED -> new DesiredProgress(true, "not yet applied (agent refused since " + presence.since()
                    + ": " + presence.detail() + ")" + revisions);
            case CONNECTED -> acknowledgedRevision < desiredRevision
                    ? new DesiredProgress(true, "not yet applied (being delivered to the agent, which confirmed"
                    + " revision " + acknowledgedRevision + ")" + revisions)
                    : new DesiredProgress(true, "applied by the agent; waiting for the operator's status report"
                    + revisions);
        };
    }
}
