package io.qdranthybrid.harness.kube.controllers.machinery;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class WorkQueueTest {

    private WorkQueue queue;

    @AfterEach
    void stop() {
        queue.stop();
    }

    @Test
    void keysQueuedWhilePausedAreProcessedOnceAfterResume() {
        List<String> processed = new CopyOnWriteArrayList<>();
        queue = new WorkQueue("test", 2, processed::add);
        queue.start();
        queue.pause();

        for (int i = 0; i < 5; i++) {
            queue.add("a");
            queue.add("b");
        }
        // Every worker woken by an add is back waiting: none can process anything until resumed.
        await().atMost(Duration.ofSeconds(2)).until(() ->
                queue.threads().stream().allMatch(t -> t.getState() == Thread.State.WAITING));
        assertThat(processed).isEmpty();
        assertThat(queue.depth()).isEqualTo(2);

        queue.resume();

        await().atMost(Duration.ofSeconds(2)).until(() -> processed.size() == 2);
        assertThat(processed).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void aKeyAddedWhileBeingProcessedRunsAgainAfterwardsNeverConcurrently() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        AtomicInteger runs = new AtomicInteger();
        queue = new WorkQueue("test", 3, key -> {
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            inside.countDown();
            try {
                release.await(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            runs.incrementAndGet();
            running.decrementAndGet();
        });
        queue.start();
        queue.add("k");
        assertThat(inside.await(2, TimeUnit.SECONDS)).isTrue();

        queue.add("k");
        queue.add("k");
        release.countDown();

        await().atMost(Duration.ofSeconds(2)).until(() -> runs.get() == 2);
        assertThat(maxRunning.get()).isEqualTo(1);
    }

    @Test
    void aFailingKeyIsRetriedUntilItSucceeds() {
        AtomicInteger attempts = new AtomicInteger();
        queue = new WorkQueue("test", 1, key -> {
            if (attempts.incrementAndGet() < 3) {
                throw new ReconcileFailedException("not yet");
            }
        });
        queue.start();

        queue.add("k");

        await().atMost(Duration.ofSeconds(2)).until(() -> attempts.get() == 3);
    }
}
