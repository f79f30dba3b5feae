package io.qdranthybrid.platform.release;

import io.qdranthybrid.crd.QdrantVersion;

import java.util.Objects;

/**
 * One Qdrant version in the catalogue, with the fields of the QdrantRelease kind (qdrant-kubernetes-api
 * {@code qdrant.io_qdrantreleases.yaml}): {@code default} is offered first for new clusters, {@code unavailable} may not
 * be used, {@code endOfLife} may still run but is no longer supported.
 */
public record Release(QdrantVersion version, boolean isDefault, boolean unavailable, boolean endOfLife, String remarks,
                      String releaseNotesUrl) {

    public Release {
        Objects.requireNonNull(version, "version");
        if (isDefault && unavailable) {
            throw new IllegalArgumentException(version + " cannot be both the default and unavailable");
        }
        remarks = remarks == null ? "" : remarks;
        releaseNotesUrl = releaseNotesUrl == null ? "" : releaseNotesUrl;
    }

    /** A supported release with Qdrant's GitHub release page as its notes. */
    public static Release of(String version) {
        QdrantVersion parsed = QdrantVersion.parse(version).orElseThrow(() -> new IllegalArgumentException(
                "'" + version + "' is not of the form vX.Y.Z, e.g. v1.12.3"));
        return new Release(parsed, false, false, false, "",
                "https://github.com/qdrant/qdrant/releases/tag/" + parsed);
    }

    public Release asDefault() {
        return new Release(version, true, unavailable, endOfLife, remarks, releaseNotesUrl);
    }

    public Release asUnavailable(String why) {
        return new Release(version, isDefault, true, endOfLife, why, releaseNotesUrl);
    }

    public Release asEndOfLife() {
        return new Release(version, isDefault, unavailable, true, remarks, releaseNotesUrl);
    }

    /** Whether a cluster may be created with or upgraded to this version. */
    public boolean offered() {
        return !unavailable;
    }

    /** The version with what a user should know about it, e.g. "v1.11.5 (end of life)". */
    public String describe() {
        if (isDefault) {
            return version + " (default)";
        }
        return endOfLife ? version + " (end of life)" : version.toString();
    }
}
