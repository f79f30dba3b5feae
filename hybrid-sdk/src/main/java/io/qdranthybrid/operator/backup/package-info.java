/**
 * Backups and restores of Qdrant clusters, as the real operator does them: CSI VolumeSnapshots of every node's
 * database volume.
 *
 * <ul>
 *   <li>{@link io.qdranthybrid.operator.backup.QdrantClusterSnapshotReconciler}: a QdrantClusterSnapshot becomes one
 *       VolumeSnapshot per database PVC (class from {@code spec.storage.volumeSnapshotClassName}, else the
 *       operator's, {@code csi-snapclass} by default), owned by it; Running until all are ready (Succeeded) or one
 *       reports an error (Failed); a missing or suspended cluster is Skipped. The cluster's spec and labels at
 *       backup time are kept in annotations ({@link io.qdranthybrid.operator.backup.RecordedCluster}) so a restore
 *       reverts the configuration. Completed backups are deleted at {@code status.retainUntil}: the spec's
 *       retention for Succeeded ones (none = kept), {@code retainUnsuccessful} (72h) for Failed and Skipped ones.</li>
 *   <li>{@link io.qdranthybrid.operator.backup.ScheduledSnapshotReconciler}: a cron schedule in UTC
 *       ({@link io.qdranthybrid.operator.backup.CronSchedule}); each slot's QdrantClusterSnapshot is named after
 *       the schedule and the slot, so a restart never takes two for one slot. {@code @every} slots are multiples of
 *       the interval since the epoch, for the same reason. Slots missed while no operator ran collapse into one
 *       backup. Schedules do not own their snapshots: deleting a schedule keeps the backups it took until each
 *       one's retention ends.</li>
 *   <li>{@link io.qdranthybrid.operator.backup.QdrantClusterRestoreReconciler}: into a new cluster
 *       ({@code destination.create: true}; {@code destination.name} {@code qdrant-<id>} or {@code <id>}) or in place
 *       (suspend, replace the database PVCs, revert the spec, resume). Only within the operator's namespace.</li>
 * </ul>
 *
 * Pure decisions ({@link io.qdranthybrid.operator.backup.SnapshotProgress},
 * {@link io.qdranthybrid.operator.backup.ScheduleDecision}, {@link io.qdranthybrid.operator.backup.RestoreVolumes},
 * {@link io.qdranthybrid.operator.backup.BackupNames}) are kept apart from the reconcilers that call the API.
 * VolumeSnapshots are generic resources the typed controller cannot watch, so running backups and restores look at
 * them every {@link io.qdranthybrid.operator.backup.BackupSettings#progressInterval()}; everything settled wakes
 * only for its next deadline.
 */
package io.qdranthybrid.operator.backup;
