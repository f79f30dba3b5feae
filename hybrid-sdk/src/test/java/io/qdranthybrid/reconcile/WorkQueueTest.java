package io.qdranthybrid.reconcile;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class WorkQueueTest {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final RetryBackoff backoff = new RetryBackoff(Duration.ofMillis(10), Duration.ofMillis(40), 0, new Random());
    private final WorkQueue<String> queue = new WorkQueue<>(scheduler, backoff, depth -> { });

    @AfterEach
    void stop() {
        queue.shutDown();
        scheduler.shutdownNow();
    }

    @Test
    void keyAddedManyTimesIsQueuedOnce() throws Exception {
        for (int i = 0; i < 50; i++) {
            queue.add("a");
        }
        queue.add("b");

        assertThat(queue.depth()).isEqualTo(2);
        assertThat(queue.take()).contains("a");
        assertThat(queue.take()).contains("b");
        assertThat(queue.depth()).isZero();
    }

    @Test
    void isIdleOnlyOnceTheTakenKeyIsDone() throws Exception {
        assertThat(queue.isIdle()).isTrue();
        queue.add("a");
        assertThat(queue.isIdle()).as("a ready").isFalse();

        assertThat(queue.take()).contains("a");
        assertThat(queue.isIdle()).as("a taken and not yet done: nothing ready, but a worker is busy").isFalse();

        queue.done("a");
        assertThat(queue.isIdle()).isTrue();
    }

    @Test
    void keyAddedWhileProcessingIsHandedOutOnlyAfterDone() throws Exception {
        queue.add("a");
        assertThat(queue.take()).contains("a");

        queue.add("a");
        queue.add("a");
        assertThat(queue.depth()).as("a is being processed: no second worker may get it").isZero();

        CompletableFuture<Optional<String>> secondWorker = CompletableFuture.supplyAsync(this::takeQuietly);
        queue.add("b");
        assertThat(secondWorker.get(2, TimeUnit.SECONDS)).contains("b");

        queue.done("a");
        assertThat(queue.depth()).isEqualTo(1);
        assertThat(queue.take()).contains("a");
    }

    @Test
    void delayedKeyArrivesAfterItsDelayAndTheEarliestDelayWins() throws Exception {
        queue.addAfter("a", Duration.ofHours(1));
        queue.addAfter("a", Duration.ofMillis(20));
        queue.addAfter("a", Duration.ofHours(2));

        CompletableFuture<Optional<String>> taken = CompletableFuture.supplyAsync(this::takeQuietly);
        assertThat(taken.get(2, TimeUnit.SECONDS)).contains("a");
        queue.done("a");
        assertThat(queue.depth()).isZero();
    }

    @Test
    void backoffGrowsPerKeyAndForgetResetsIt() {
        assertThat(queue.addWithBackoff("a")).isEqualTo(Duration.ofMillis(10));
        assertThat(queue.addWithBackoff("a")).isEqualTo(Duration.ofMillis(20));
        assertThat(queue.addWithBackoff("a")).isEqualTo(Duration.ofMillis(40));
        assertThat(queue.addWithBackoff("a")).isEqualTo(Duration.ofMillis(40));
        assertThat(queue.addWithBackoff("b")).as("backoff is per key").isEqualTo(Duration.ofMillis(10));
        assertThat(queue.failures("a")).isEqualTo(4);

        queue.forget("a");

        assertThat(queue.failures("a")).isZero();
        assertThat(queue.addWithBackoff("a")).isEqualTo(Duration.ofMillis(10));
        await().atMost(Duration.ofSeconds(2)).until(() -> queue.depth() == 2);
    }

    @Test
    void shutDownReleasesWaitingWorkersEmptyHanded() throws Exception {
        CompletableFuture<Optional<String>> waiting = CompletableFuture.supplyAsync(this::takeQuietly);

        queue.shutDown();

        assertThat(waiting.get(2, TimeUnit.SECONDS)).isEmpty();
        queue.add("a");
        assertThat(queue.depth()).isZero();
    }

    private Optional<String> takeQuietly() {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
