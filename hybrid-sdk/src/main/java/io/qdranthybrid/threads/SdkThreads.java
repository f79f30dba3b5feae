package io.qdranthybrid.threads;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one thread factory of the SDK: every thread it starts is named (a thread dump says whose it is), a daemon (an
 * embedding app's JVM exits when its own threads end; each owner still shuts its executor down on close) and logs an
 * exception that escapes it, which the JVM would otherwise print to stderr alone or drop.
 *
 * <p>Depends on nothing of ours, so every package, {@code protocol} included, may use it.
 */
public final class SdkThreads {

    private static final Logger LOG = LoggerFactory.getLogger(SdkThreads.class);
    private static final Thread.UncaughtExceptionHandler LOG_UNCAUGHT = (thread, error) ->
            LOG.error("thread {} stopped on an uncaught exception; its owner no longer runs that work until restarted",
                    thread.getName(), error);

    private SdkThreads() {
    }

    /** For a single-thread executor: its thread is called exactly {@code name}. */
    public static ThreadFactory named(String name) {
        requireName(name);
        return runnable -> configure(new Thread(runnable, name));
    }

    /** For a pool: threads called {@code prefix-1}, {@code prefix-2}, … in the order they start. */
    public static ThreadFactory pool(String prefix) {
        requireName(prefix);
        AtomicInteger counter = new AtomicInteger();
        return runnable -> configure(new Thread(runnable, prefix + "-" + counter.incrementAndGet()));
    }

    private static Thread configure(Thread thread) {
        thread.setDaemon(true);
        thread.setUncaughtExceptionHandler(LOG_UNCAUGHT);
        return thread;
    }

    private static void requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a thread needs a name that says whose it is, got '" + name + "'");
        }
    }
}
