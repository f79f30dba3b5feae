package io.qdranthybrid.operator.cluster;

import java.util.Locale;

/**
 * How the operator grows database volumes when {@code spec.resources.storage} grows (Qdrant's operator setting
 * {@code volumeExpansionMode}). Mirrors the CSI {@code VolumeExpansion} plugin capability: a driver that is only
 * {@code OFFLINE} grows a volume only while no pod uses it (e.g. Azure disks).
 */
public enum VolumeExpansionMode {
    /** Grow the claims under the running pods. */
    ONLINE,
    /** Stop one node at a time, grow its claims, start it, wait until it is back in consensus. */
    OFFLINE;

    /** Parses {@code Online} / {@code Offline} in any case. */
    public static VolumeExpansionMode parse(String value) {
        String normalized = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
        for (VolumeExpansionMode mode : values()) {
            if (mode.name().equals(normalized)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("volumeExpansionMode \"" + value + "\" is not one of Online, Offline");
    }

    /** As the setting is written: {@code Online}, {@code Offline}. */
    public String wireValue() {
        return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
    }
}
