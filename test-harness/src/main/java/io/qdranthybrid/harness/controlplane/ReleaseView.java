package io.qdranthybrid.harness.controlplane;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.qdranthybrid.platform.release.Release;

/** A release as the REST API and console show it, with the QdrantRelease field names. */
public record ReleaseView(String version, @JsonProperty("default") boolean isDefault, boolean unavailable,
                          boolean endOfLife, String remarks, @JsonProperty("releaseNotesURL") String releaseNotesUrl) {

    static ReleaseView of(Release release) {
        return new ReleaseView(release.version().toString(), release.isDefault(), release.unavailable(),
                release.endOfLife(), release.remarks(), release.releaseNotesUrl());
    }
}
