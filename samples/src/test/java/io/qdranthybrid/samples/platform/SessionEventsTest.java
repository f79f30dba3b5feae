package io.qdranthybrid.samples.platform;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SessionEventsTest {

    private final SessionEvents events = new SessionEvents(4);

    @AfterEach
    void stop() {
        events.close();
    }

    @Test
    void aConnectionsEventsRunInTheOrderTheyArrived() {
        Executor connection = events.forConnection();
        List<Integer> seen = new CopyOnWriteArrayList<>();

        IntStream.range(0, 1_000).forEach(i -> connection.execute(() -> seen.add(i)));

        await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 1_000);
        assertThat(seen).isSorted();
    }

    @Test
    void aConnectionWaitingOnTheDatabaseDoesNotHoldUpTheOthers() throws Exception {
        CountDownLatch databaseAnswers = new CountDownLatch(1);
        CountDownLatch otherServed = new CountDownLatch(1);
        events.forConnection().execute(() -> {
            try {
                databaseAnswers.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        events.forConnection().execute(otherServed::countDown);

        await().atMost(Duration.ofSeconds(10)).until(() -> otherServed.getCount() == 0);
        databaseAnswers.countDown();
    }

    @Test
    void aFailingEventDoesNotStopTheConnectionsLaterEvents() {
        Executor connection = events.forConnection();
        List<String> seen = new CopyOnWriteArrayList<>();

        connection.execute(() -> {
            throw new IllegalStateException("the store refused");
        });
        connection.execute(() -> seen.add("heartbeat"));

        await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains("heartbeat"));
    }
}
