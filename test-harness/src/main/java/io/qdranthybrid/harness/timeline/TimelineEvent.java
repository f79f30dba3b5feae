package io.qdranthybrid.harness.timeline;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One thing that happened during a test.
 *
 * @param at      when it was recorded
 * @param elapsed time since the timeline started, so a reader sees the order and the gaps at a glance
 * @param source  who observed or caused it
 * @param subject what it happened to, e.g. {@code qdrant-demo} or {@code qdrant-demo-1}
 * @param event   what happened, e.g. {@code phase} or {@code disconnected}
 * @param detail  the new value or an explanation, e.g. {@code Healthy}; empty when there is none
 */
public record TimelineEvent(Instant at, Duration elapsed, TimelineSource source, String subject, String event,
                            String detail) {

    public TimelineEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(source, "source");
        subject = subject == null ? "" : subject;
        event = Objects.requireNonNull(event, "event");
        detail = detail == null ? "" : detail;
    }

    /** True for an event of this source, subject and kind whose detail is {@code detail}. */
    public boolean is(TimelineSource source, String subject, String event, String detail) {
        return this.source == source && this.subject.equals(subject) && this.event.equals(event)
                && this.detail.equals(detail);
    }

    @Override
    public String toString() {
        return String.format("+%d.%03ds %s %s %s%s", elapsed.toSeconds(), elapsed.toMillisPart(), source.label(),
                subject, event, detail.isEmpty() ? "" : " " + detail);
    }
}
