package io.qdranthybrid.harness.controlplane;

import io.qdranthybrid.platform.release.Release;
import io.qdranthybrid.platform.release.ReleaseCatalogue;

import java.util.List;

/**
 * The catalogue a {@link SimulatedControlPlane} starts with: a few patches of v1.10 to v1.16, the oldest two minors end
 * of life, one default and one unavailable release, so every rule of the catalogue shows in the console and the API.
 * Tests and the sandbox replace it with {@link Releases#replace}.
 */
public final class SimulatedReleaseCatalogue {

    /** Preselected for new clusters. */
    public static final String DEFAULT_VERSION = "v1.16.2";
    /** Listed but refused, as a withdrawn release is. */
    public static final String UNAVAILABLE_VERSION = "v1.16.3";

    private SimulatedReleaseCatalogue() {
    }

    public static ReleaseCatalogue seed() {
        return new ReleaseCatalogue(List.of(
                Release.of("v1.10.1").asEndOfLife(),
                Release.of("v1.11.5").asEndOfLife(),
                Release.of("v1.12.0"), Release.of("v1.12.3"), Release.of("v1.12.6"),
                Release.of("v1.13.0"), Release.of("v1.13.1"), Release.of("v1.13.6"),
                Release.of("v1.14.0"), Release.of("v1.14.1"),
                Release.of("v1.15.0"), Release.of("v1.15.5"),
                Release.of("v1.16.0"), Release.of(DEFAULT_VERSION).asDefault(),
                Release.of(UNAVAILABLE_VERSION).asUnavailable("withdrawn in the simulated catalogue; use "
                        + DEFAULT_VERSION)));
    }
}
