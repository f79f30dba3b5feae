package io.qdranthybrid.reconcile;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class StatusWritesTest {

    private final SettableClock clock = new SettableClock("2026-11-24T10:00:00Z");
    private final StatusWrites writes = new StatusWrites(clock);

    @Test
    void aCopyOlderThanOurLastWriteLagsUntilTheCacheShowsTheWrite() {
        writes.wrote(at("10"));

        assertThat(writes.cacheLagsBehind(at("9"))).isTrue();
        assertThat(writes.cacheLagsBehind(at("10"))).isFalse();
        // Caught up once: the write is forgotten, so even an older copy no longer waits.
        assertThat(writes.cacheLagsBehind(at("9"))).isFalse();
    }

    @Test
    void aNewerCopyIsCurrentAndObjectsWeNeverWroteNeverWait() {
        writes.wrote(at("10"));

        assertThat(writes.cacheLagsBehind(at("12"))).isFalse();
        assertThat(writes.cacheLagsBehind(new ConfigMapBuilder().withNewMetadata().withUid("other")
                .withResourceVersion("1").endMetadata().build())).isFalse();
    }

    @Test
    void theWaitEndsAfterThePatienceEvenIfTheCacheNeverCatchesUp() {
        writes.wrote(at("10"));
        assertThat(writes.cacheLagsBehind(at("9"))).isTrue();

        clock.advance(StatusWrites.PATIENCE.plus(Duration.ofMillis(1)));

        assertThat(writes.cacheLagsBehind(at("9"))).isFalse();
    }

    @Test
    void opaqueVersionsAreNeverAwaited() {
        writes.wrote(at("a1"));

        assertThat(writes.cacheLagsBehind(at("a0"))).isFalse();
    }

    private static ConfigMap at(String resourceVersion) {
        return new ConfigMapBuilder().withNewMetadata().withName("c").withNamespace("ns").withUid("uid-1")
                .withResourceVersion(resourceVersion).endMetadata().build();
    }
}
