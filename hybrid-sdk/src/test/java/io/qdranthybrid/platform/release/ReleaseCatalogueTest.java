package io.qdranthybrid.platform.release;

import io.qdranthybrid.crd.QdrantVersion;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReleaseCatalogueTest {

    private final ReleaseCatalogue catalogue = new ReleaseCatalogue(List.of(
            Release.of("v1.11.5").asEndOfLife(),
            Release.of("v1.12.3"), Release.of("v1.12.6"),
            Release.of("v1.13.0"), Release.of("v1.13.6"),
            Release.of("v1.13.7").asUnavailable("withdrawn: corrupts payload indexes"),
            Release.of("v1.14.0"), Release.of("v1.14.1").asDefault(),
            Release.of("v1.15.2")));

    @Test
    void aVersionThatWasNeverReleasedIsRefusedNamingWhatIsAvailable() {
        VersionVerdict verdict = catalogue.check("v9.9.9");

        assertThat(verdict).isInstanceOf(VersionVerdict.Refused.class);
        assertThat(((VersionVerdict.Refused) verdict).reason())
                .startsWith("v9.9.9 is not a released Qdrant version; available: v1.15.2, v1.14.1 (default), v1.13.6,")
                .contains("v1.11.5 (end of life)")
                .doesNotContain("v1.13.7");
    }

    @Test
    void anUnavailableVersionIsRefusedWithItsRemarks() {
        assertThat(catalogue.check("v1.13.7")).isInstanceOfSatisfying(VersionVerdict.Refused.class, refused ->
                assertThat(refused.reason()).startsWith("v1.13.7 is unavailable (withdrawn: corrupts payload indexes);"));
    }

    @Test
    void endOfLifeVersionsAreAllowedAndSaySo() {
        assertThat(catalogue.check("v1.11.5")).isInstanceOfSatisfying(VersionVerdict.Allowed.class, allowed ->
                assertThat(allowed.release().endOfLife()).isTrue());
        assertThat(catalogue.check("v1.12.3")).isInstanceOfSatisfying(VersionVerdict.Allowed.class, allowed ->
                assertThat(allowed.release().endOfLife()).isFalse());
    }

    @Test
    void upgradePathGoesOneMinorAtATimeThroughTheLatestAvailablePatch() {
        UpgradePlan plan = catalogue.upgradePath(v("v1.12.3"), "v1.15.2");

        // v1.13.7 is newer than v1.13.6 but unavailable: the path skips it.
        assertThat(steps(plan)).containsExactly("v1.13.6", "v1.14.1", "v1.15.2");
    }

    @Test
    void upgradeWithinOneMinorIsOneStep() {
        assertThat(steps(catalogue.upgradePath(v("v1.12.3"), "v1.13.0"))).containsExactly("v1.13.0");
        assertThat(steps(catalogue.upgradePath(v("v1.12.3"), "v1.12.6"))).containsExactly("v1.12.6");
        assertThat(steps(catalogue.upgradePath(v("v1.12.3"), "v1.12.3"))).isEmpty();
    }

    @Test
    void upgradePathIsRefusedToAnUnreleasedTargetOrThroughAMinorWithNoAvailableRelease() {
        assertThat(catalogue.upgradePath(v("v1.12.3"), "v9.9.9")).isInstanceOfSatisfying(UpgradePlan.Refused.class,
                refused -> assertThat(refused.reason()).startsWith("v9.9.9 is not a released Qdrant version"));
        ReleaseCatalogue gap = new ReleaseCatalogue(List.of(Release.of("v1.12.3"), Release.of("v1.14.1")));
        assertThat(gap.upgradePath(v("v1.12.3"), "v1.14.1")).isInstanceOfSatisfying(UpgradePlan.Refused.class,
                refused -> assertThat(refused.reason()).startsWith("no available v1.13.x release to step through"));
    }

    @Test
    void downgradeAcrossAMinorIsRefusedAsTheOperatorRefusesIt() {
        assertThat(catalogue.upgradePath(v("v1.14.1"), "v1.13.6")).isInstanceOfSatisfying(UpgradePlan.Refused.class,
                refused -> assertThat(refused.reason()).contains("downgrading from v1.14.1 to v1.13.6"));
    }

    @Test
    void theDefaultIsTheMarkedOneElseTheNewestAvailable() {
        assertThat(catalogue.defaultRelease()).map(r -> r.version().toString()).hasValue("v1.14.1");
        ReleaseCatalogue unmarked = new ReleaseCatalogue(List.of(Release.of("v1.12.3"),
                Release.of("v1.13.0").asUnavailable("withdrawn")));
        assertThat(unmarked.defaultRelease()).map(r -> r.version().toString()).hasValue("v1.12.3");
    }

    @Test
    void aCatalogueWithTwoDefaultsOrADuplicateIsRefused() {
        assertThatThrownBy(() -> new ReleaseCatalogue(List.of(Release.of("v1.12.3").asDefault(),
                Release.of("v1.13.0").asDefault()))).hasMessageContaining("only one release may be the default");
        assertThatThrownBy(() -> new ReleaseCatalogue(List.of(Release.of("v1.12.3"), Release.of("v1.12.3"))))
                .hasMessageContaining("v1.12.3 is listed twice");
        assertThatThrownBy(() -> Release.of("v1.12.3").asUnavailable("x").asDefault())
                .hasMessageContaining("cannot be both the default and unavailable");
    }

    private static List<String> steps(UpgradePlan plan) {
        assertThat(plan).isInstanceOf(UpgradePlan.Steps.class);
        return ((UpgradePlan.Steps) plan).steps().stream().map(r -> r.version().toString()).toList();
    }

    private static QdrantVersion v(String text) {
        return QdrantVersion.parse(text).orElseThrow();
    }
}
