package io.qdranthybrid.crd;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QdrantVersionTest {

    @Test
    void parsesOnlyTheVxyzForm() {
        assertThat(QdrantVersion.parse("v1.12.3")).contains(new QdrantVersion(1, 12, 3));
        assertThat(QdrantVersion.parse("1.12.3")).isEmpty();
        assertThat(QdrantVersion.parse("v1.12")).isEmpty();
        assertThat(QdrantVersion.parse("v1.12.3-rc1")).isEmpty();
        assertThat(QdrantVersion.parse("v01.2.3")).isEmpty();
        assertThat(QdrantVersion.parse("latest")).isEmpty();
        assertThat(QdrantVersion.parse(null)).isEmpty();
    }

    @Test
    void oneMinorStepIsAllowedTwoAreNot() {
        QdrantVersion from = new QdrantVersion(1, 11, 3);

        assertThat(from.skipsMinorVersionTo(new QdrantVersion(1, 11, 5))).isFalse();
        assertThat(from.skipsMinorVersionTo(new QdrantVersion(1, 12, 6))).isFalse();
        assertThat(from.skipsMinorVersionTo(new QdrantVersion(1, 13, 0))).isTrue();
        assertThat(from.skipsMinorVersionTo(new QdrantVersion(2, 0, 0))).isTrue();
    }

    @Test
    void onlyAnOlderMinorOrMajorIsADowngrade() {
        QdrantVersion from = new QdrantVersion(1, 12, 4);

        assertThat(from.downgradesMinorVersionTo(new QdrantVersion(1, 12, 0))).isFalse();
        assertThat(from.downgradesMinorVersionTo(new QdrantVersion(1, 12, 4))).isFalse();
        assertThat(from.downgradesMinorVersionTo(new QdrantVersion(1, 13, 0))).isFalse();
        assertThat(from.downgradesMinorVersionTo(new QdrantVersion(1, 11, 9))).isTrue();
        assertThat(from.downgradesMinorVersionTo(new QdrantVersion(0, 99, 0))).isTrue();
    }

    @Test
    void ordersNumericallyNotAlphabetically() {
        assertThat(new QdrantVersion(1, 9, 0)).isLessThan(new QdrantVersion(1, 10, 0));
        assertThat(new QdrantVersion(1, 10, 2).toString()).isEqualTo("v1.10.2");
    }
}
