package io.qdranthybrid.harness.timeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * What happened during one test, in order: control-plane changes, environment status, resource phases, pod
 * readiness, the agent's connection, faults and the test's own marks. Recording is cheap and thread-safe, so every
 * part of the stack writes to it; when a scenario fails, the JSON file says what happened when.
 */
public final class Timeline {

    private static final Logger LOG = LoggerFactory.getLogger(Timeline.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String name;
    private final Clock clock;
    private final Instant started;
    private final List<TimelineEvent> events = new ArrayList<>();
    private final List<Consumer<TimelineEvent>> listeners = new CopyOnWriteArrayList<>();

    public Timeline(String name) {
        this(name, Clock.systemUTC());
    }

    public Timeline(String name, Clock clock) {
        this.name = Objects.requireNonNull(name, "name");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.started = clock.instant();
    }

    public String name() {
        return name;
    }

    public Instant started() {
        return started;
    }

    /** Records an event now and tells the listeners. */
    public TimelineEvent record(TimelineSource source, String subject, String event, String detail) {
        return record(clock.instant(), source, subject, event, detail);
    }

    /**
     * Records an event that happened at {@code at}, which may be a moment ago (a source that keeps its own times),
     * in its place among the events already recorded.
     */
    public TimelineEvent record(Instant at, TimelineSource source, String subject, String event, String detail) {
        TimelineEvent recorded = new TimelineEvent(at, Duration.between(started, at), source, subject, event, detail);
        synchronized (events) {
            int index = events.size();
            while (index > 0 && events.get(index - 1).at().isAfter(at)) {
                index--;
            }
            events.add(index, recorded);
        }
        for (Consumer<TimelineEvent> listener : listeners) {
            try {
                listener.accept(recorded);
            } catch (RuntimeException e) {
                LOG.warn("Timeline listener failed on {}: {}", recorded, e.toString());
            }
        }
        return recorded;
    }

    /** A mark written by the test, e.g. "instruction sent during the outage". */
    public TimelineEvent mark(String text) {
        return record(TimelineSource.TEST, "test", "mark", text);
    }

    public List<TimelineEvent> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    public List<TimelineEvent> events(TimelineSource source) {
        return events().stream().filter(e -> e.source() == source).toList();
    }

    public Optional<TimelineEvent> first(Predicate<TimelineEvent> condition) {
        return events().stream().filter(condition).findFirst();
    }

    /** Calls {@code listener} with every event recorded from now on, on the recording thread; must not block. */
    public AutoCloseable subscribe(Consumer<TimelineEvent> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return () -> listeners.remove(listener);
    }

    /** The timeline as a JSON document: its name, when it started, and every event in order. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("name", name);
        root.put("started", started.toString());
        ArrayNode array = root.putArray("events");
        for (TimelineEvent event : events()) {
            ObjectNode node = array.addObject();
            node.put("at", event.at().toString());
            node.put("elapsedMillis", event.elapsed().toMillis());
            node.put("source", event.source().label());
            node.put("subject", event.subject());
            node.put("event", event.event());
            node.put("detail", event.detail());
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render timeline " + name, e);
        }
    }

    /** Writes {@link #toJson()} to {@code file}, creating its directories. */
    public void writeJson(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, toJson());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write timeline " + name + " to " + file, e);
        }
    }
}
