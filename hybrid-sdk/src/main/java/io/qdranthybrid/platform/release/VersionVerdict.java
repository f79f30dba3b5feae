package io.qdranthybrid.platform.release;

/** Whether the catalogue lets a cluster run a version, and if not, why and what to pick instead. */
public sealed interface VersionVerdict {

    /** The version is released and available; it may still be end of life, which the release says. */
    record Allowed(Release release) implements VersionVerdict {
    }

    /** Not released, or unavailable; the reason names the versions that are offered. */
    record Refused(String reason) implements VersionVerdict {
    }
}
