package io.qdranthybrid.agent.doctor;

/** What the backup check needs of one VolumeSnapshotClass: its name and the CSI driver it snapshots for. */
public record SnapshotClassFacts(String name, String driver) {
}
