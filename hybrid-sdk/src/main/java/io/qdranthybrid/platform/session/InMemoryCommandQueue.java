package io.qdranthybrid.platform.session;

import io.qdranthybrid.threads.SdkThreads;
import io.qdranthybrid.protocol.message.Command;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Commands in this process: the default, for a control plane with one replica (or replicas in one JVM, as in tests).
 * Subscribers are told on a thread of their own, as a database's notifications would arrive: answers are recorded
 * while a session holds its lock, and delivering from there into another session could deadlock.
 */
public final class InMemoryCommandQueue implements CommandQueue {

    private record Waiting(String environmentId, Command command, Instant expiresAt) {
    }

    private final Map<String, Waiting> waiting = new LinkedHashMap<>();
    /** Recent answers, for a replica that waits for one given through another; bounded. */
    private final Map<String, CommandResult> answers = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CommandResult> eldest) {
            return size() > 10_000;
        }
    };
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile ExecutorService notifier;

    @Override
    public void enqueue(String environmentId, Command command, Instant expiresAt) {
        synchronized (this) {
            waiting.put(command.commandId(), new Waiting(environmentId, command, expiresAt));
        }
        tell(listener -> listener.commandQueued(environmentId));
    }

    @Override
    public synchronized int waiting(String environmentId) {
        return (int) waiting.values().stream().filter(w -> w.environmentId().equals(environmentId)).count();
    }

    @Override
    public synchronized List<Command> pending(String environmentId, Instant now) {
        List<Command> pending = new ArrayList<>();
        for (Waiting w : waiting.values()) {
            if (w.environmentId().equals(environmentId) && now.isBefore(w.expiresAt())) {
                pending.add(w.command());
            }
        }
        return pending;
    }

    @Override
    public boolean answer(String environmentId, CommandResult result) {
        synchronized (this) {
            Waiting answered = waiting.get(result.commandId());
            if (answered == null || !answered.environmentId().equals(environmentId)) {
                return false;
            }
            waiting.remove(result.commandId());
            answers.put(result.commandId(), result);
        }
        tell(listener -> listener.commandAnswered(environmentId, result.commandId()));
        return true;
    }

    @Override
    public synchronized Optional<CommandResult> answerOf(String commandId) {
        return Optional.ofNullable(answers.get(commandId));
    }

    @Override
    public synchronized void expire(Instant now) {
        waiting.values().removeIf(w -> !now.isBefore(w.expiresAt()));
    }

    @Override
    public synchronized void forget(String environmentId) {
        waiting.values().removeIf(w -> w.environmentId().equals(environmentId));
    }

    @Override
    public void subscribe(Listener listener) {
        synchronized (listeners) {
            if (notifier == null) {
                notifier = Executors.newSingleThreadExecutor(SdkThreads.named("qdrant-platform-command-queue"));
            }
        }
        listeners.add(listener);
    }

    private void tell(java.util.function.Consumer<Listener> event) {
        ExecutorService running = notifier;
        if (running != null) {
            running.execute(() -> listeners.forEach(event));
        }
    }
}
