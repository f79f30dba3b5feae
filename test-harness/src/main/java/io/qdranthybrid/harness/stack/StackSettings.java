package io.qdranthybrid.harness.stack;

import io.qdranthybrid.harness.kube.controllers.storage.SimulatedStorageClasses;
import io.qdranthybrid.operator.backup.BackupSettings;
import io.qdranthybrid.operator.cluster.OperatorDefaults;
import io.qdranthybrid.protocol.session.BackoffPolicy;

import java.time.Duration;
import java.util.Objects;

/**
 * How the operator and the agent of a {@link HybridStack} are configured. The defaults are the production shape on
 * a shorter clock: reconnects within a fraction of a second, backups that poll their progress often.
 *
 * @param operatorDefaults      what the operator assumes when a cluster does not say (image, storage classes...)
 * @param operatorResync        how often the operator re-reconciles everything without being woken
 * @param qdrantTimeout         the operator's timeout for each Qdrant REST call
 * @param backups               backup, schedule and restore settings of the operator
 * @param agentBackoff          the agent's reconnect timing
 * @param environmentPoll       how often the agent observes its environment (a change is reported at once)
 * @param environmentReport     how often it reports the environment even when nothing changed
 * @param shutdownTimeout       how long closing the agent waits to flush what it buffered
 * @param agentVersion          what the agent reports as its version
 * @param clusterRead           whether the optional cluster-read components of deploy/ are installed (agent: nodes,
 *                              storage and snapshot classes; operator: storage classes)
 */
public record StackSettings(OperatorDefaults operatorDefaults, Duration operatorResync, Duration qdrantTimeout,
                            BackupSettings backups, BackoffPolicy agentBackoff, Duration environmentPoll,
                            Duration environmentReport, Duration shutdownTimeout, String agentVersion,
                            boolean clusterRead) {

    public StackSettings {
        Objects.requireNonNull(operatorDefaults, "operatorDefaults");
        Objects.requireNonNull(operatorResync, "operatorResync");
        Objects.requireNonNull(qdrantTimeout, "qdrantTimeout");
        Objects.requireNonNull(agentBackoff, "agentBackoff");
        Objects.requireNonNull(environmentPoll, "environmentPoll");
        Objects.requireNonNull(environmentReport, "environmentReport");
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
        Objects.requireNonNull(agentVersion, "agentVersion");
    }

    /** Production defaults on a test clock, for a real cluster (k3s): its default storage class, no snapshots. */
    public static StackSettings fast() {
        return new StackSettings(OperatorDefaults.hybrid(), Duration.ofSeconds(30), Duration.ofSeconds(2),
                BackupSettings.defaults().withProgressInterval(Duration.ofMillis(200))
                        .withClusterRecheck(Duration.ofMillis(500)),
                new BackoffPolicy(Duration.ofMillis(50), Duration.ofMillis(500), Duration.ofSeconds(30),
                        Duration.ofMillis(100), Duration.ofSeconds(1)),
                Duration.ofMillis(200), Duration.ofSeconds(30), Duration.ofSeconds(3), "sandbox", true);
    }

    /**
     * {@link #fast()} with databases on the simulated CSI class, which grows volumes and takes VolumeSnapshots, so
     * that backups and restores work on clusters created through the control plane.
     */
    public static StackSettings fastOnSimulatedCluster() {
        return fast().withOperatorDefaults(OperatorDefaults.hybrid()
                .withStorageClasses(SimulatedStorageClasses.SIM_CSI, null));
    }

    public StackSettings withOperatorDefaults(OperatorDefaults defaults) {
        return new StackSettings(defaults, operatorResync, qdrantTimeout, backups, agentBackoff, environmentPoll,
                environmentReport, shutdownTimeout, agentVersion, clusterRead);
    }

    public StackSettings withOperatorResync(Duration resync) {
        return new StackSettings(operatorDefaults, resync, qdrantTimeout, backups, agentBackoff, environmentPoll,
                environmentReport, shutdownTimeout, agentVersion, clusterRead);
    }

    public StackSettings withAgentBackoff(BackoffPolicy backoff) {
        return new StackSettings(operatorDefaults, operatorResync, qdrantTimeout, backups, backoff, environmentPoll,
                environmentReport, shutdownTimeout, agentVersion, clusterRead);
    }

    public StackSettings withAgentVersion(String version) {
        return new StackSettings(operatorDefaults, operatorResync, qdrantTimeout, backups, agentBackoff,
                environmentPoll, environmentReport, shutdownTimeout, version, clusterRead);
    }

    /** Without the optional cluster-read components: only the namespace-scoped Roles, as deploy/ installs by default. */
    public StackSettings withoutClusterRead() {
        return new StackSettings(operatorDefaults, operatorResync, qdrantTimeout, backups, agentBackoff,
                environmentPoll, environmentReport, shutdownTimeout, agentVersion, false);
    }
}
