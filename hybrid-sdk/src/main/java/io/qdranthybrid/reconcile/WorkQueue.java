package io.qdranthybrid.reconcile;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;

/**
 * The controller's queue of keys to reconcile, with client-go's guarantees: a key is queued at most once however
 * many times it is added; a key being processed is never handed to a second worker, and if it is added meanwhile it
 * is queued again when the first worker calls {@link #done}; failures back off per key until {@link #forget}.
 */
final class WorkQueue<K> {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition keyAvailable = lock.newCondition();
    private final ArrayDeque<K> ready = new ArrayDeque<>();
    private final Set<K> dirty = new HashSet<>();
    private final Set<K> processing = new HashSet<>();
    private final Map<K, Integer> failures = new HashMap<>();
    private final Map<K, Delayed> delayed = new HashMap<>();
    private final ScheduledExecutorService scheduler;
    private final RetryBackoff backoff;
    private final IntConsumer depthListener;
    private boolean shutDown;

    private record Delayed(long dueNanos, ScheduledFuture<?> future) {
    }

    /** {@code depthListener} is called under the queue's lock, so reports arrive in order; it must be fast. */
    WorkQueue(ScheduledExecutorService scheduler, RetryBackoff backoff, IntConsumer depthListener) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.depthListener = Objects.requireNonNull(depthListener, "depthListener");
    }

    /** Queues the key unless it is already waiting; a key being processed is queued again once done. */
    void add(K key) {
        lock.lock();
        try {
            if (shutDown || !dirty.add(key)) {
                return;
            }
            if (!processing.contains(key)) {
                ready.addLast(key);
                keyAvailable.signal();
                depthListener.accept(ready.size());
            }
        } finally {
            lock.unlock();
        }
    }

    /** Queues the key after the delay; of several pending delays for one key only the earliest is kept. */
    void addAfter(K key, Duration delay) {
        if (delay.isZero() || delay.isNegative()) {
            add(key);
            return;
        }
        lock.lock();
        try {
            if (shutDown) {
                return;
            }
            long due = System.nanoTime() + delay.toNanos();
            Delayed pending = delayed.get(key);
            if (pending != null && pending.dueNanos() - due <= 0) {
                return;
            }
            if (pending != null) {
                pending.future().cancel(false);
            }
            ScheduledFuture<?> future = scheduler.schedule(() -> fireDelayed(key, due), delay.toNanos(), TimeUnit.NANOSECONDS);
            delayed.put(key, new Delayed(due, future));
        } finally {
            lock.unlock();
        }
    }

    private void fireDelayed(K key, long due) {
        lock.lock();
        try {
            Delayed pending = delayed.get(key);
            if (pending != null && pending.dueNanos() == due) {
                delayed.remove(key);
            }
        } finally {
            lock.unlock();
        }
        add(key);
    }

    /** Counts a failure of the key and queues it after the backoff for that many consecutive failures. */
    Duration addWithBackoff(K key) {
        int count;
        lock.lock();
        try {
            count = failures.merge(key, 1, Integer::sum);
        } finally {
            lock.unlock();
        }
        Duration delay = backoff.delayAfter(count);
        addAfter(key, delay);
        return delay;
    }

    /** Consecutive failures of the key since it last succeeded. */
    int failures(K key) {
        lock.lock();
        try {
            return failures.getOrDefault(key, 0);
        } finally {
            lock.unlock();
        }
    }

    /** Resets the key's backoff after a success. */
    void forget(K key) {
        lock.lock();
        try {
            failures.remove(key);
        } finally {
            lock.unlock();
        }
    }

    /** Blocks until a key is ready and marks it processing; empty once the queue is shut down. */
    Optional<K> take() throws InterruptedException {
        K key;
        lock.lock();
        try {
            while (ready.isEmpty() && !shutDown) {
                keyAvailable.await();
            }
            if (shutDown) {
                return Optional.empty();
            }
            key = ready.removeFirst();
            dirty.remove(key);
            processing.add(key);
            depthListener.accept(ready.size());
        } finally {
            lock.unlock();
        }
        return Optional.of(key);
    }

    /** Ends processing of the key; if it was added meanwhile it becomes ready again. */
    void done(K key) {
        lock.lock();
        try {
            processing.remove(key);
            if (dirty.contains(key) && !shutDown) {
                ready.addLast(key);
                keyAvailable.signal();
                depthListener.accept(ready.size());
            }
        } finally {
            lock.unlock();
        }
    }

    /** Nothing ready and nothing being processed (keys waiting on a delay aside), read under one lock. */
    boolean isIdle() {
        lock.lock();
        try {
            return ready.isEmpty() && processing.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** Keys ready for a worker. */
    int depth() {
        lock.lock();
        try {
            return ready.size();
        } finally {
            lock.unlock();
        }
    }

    /** Wakes all waiting workers with an empty result and drops pending delays. */
    void shutDown() {
        lock.lock();
        try {
            shutDown = true;
            delayed.values().forEach(pending -> pending.future().cancel(false));
            delayed.clear();
            keyAvailable.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
