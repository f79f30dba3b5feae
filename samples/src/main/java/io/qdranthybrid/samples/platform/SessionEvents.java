package io.qdranthybrid.samples.platform;

import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where the agent sessions' work runs: a few shared threads, not Netty's event loop. The gateway's handshake and
 * reports read and write the platform's stores, which block on a database; on the event loop one slow query would
 * stall every connection that loop serves (heartbeats included, so thousands of agents would time out and dial again).
 * Each connection's events still run one at a time and in arrival order ({@link #forConnection()}); the thread count
 * does not grow with sessions ({@code platform.session-threads}, 16 by default).
 */
@Singleton
public final class SessionEvents {

    private static final Logger LOG = LoggerFactory.getLogger(SessionEvents.class);

    private final ExecutorService threads;

    public SessionEvents(@Value("${platform.session-threads:16}") int threadCount) {
        AtomicInteger number = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(threadCount, task -> {
            Thread thread = new Thread(task, "agent-session-events-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** An executor for one connection: its tasks run in submission order, never two at once. */
    public Executor forConnection() {
        return new InOrder(threads);
    }

    @PreDestroy
    void close() {
        threads.shutdownNow();
    }

    /** Queues tasks and drains them on one pooled thread at a time. */
    private static final class InOrder implements Executor {
        private final Executor threads;
        private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean draining = new AtomicBoolean();

        InOrder(Executor threads) {
            this.threads = threads;
        }

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
            schedule();
        }

        private void schedule() {
            if (!tasks.isEmpty() && draining.compareAndSet(false, true)) {
                threads.execute(this::drain);
            }
        }

        private void drain() {
            try {
                Runnable task;
                while ((task = tasks.poll()) != null) {
                    try {
                        task.run();
                    } catch (RuntimeException e) {
                        LOG.warn("An agent session's event failed: {}", e.toString(), e);
                    }
                }
            } finally {
                draining.set(false);
                schedule(); // a task queued between the last poll and the reset
            }
        }
    }
}
