package io.qdranthybrid.harness.kube;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Faults a test injects into the simulated API server: latency on every response, the next N matching
 * requests failing with a real error, all watches dropped, the watch history compacted.
 */
public final class ApiFaults {

  private static final Logger LOG = LoggerFactory.getLogger(ApiFaults.class);

  private record PlannedFailure(Verb verb, String resource, InjectedFailure failure, AtomicInteger remaining) {

    boolean matches(Verb requestVerb, String requestResource) {
      return (verb == null || verb == requestVerb) && (resource == null || resource.equals(requestResource));
    }
  }

  private final ObjectStore store;
  private final ConcurrentLinkedQueue<PlannedFailure> failures = new ConcurrentLinkedQueue<>();
  private volatile long minLatencyMillis;
  private volatile long maxLatencyMillis;

  ApiFaults(ObjectStore store) {
    this.store = store;
  }

  /** Every response is delayed by exactly this much. */
  public ApiFaults latency(Duration fixed) {
    return latency(fixed, fixed);
  }

  /** Every response is delayed by a uniformly random time in [min, max]. */
  public ApiFaults latency(Duration min, Duration max) {
    if (min.isNegative() || max.compareTo(min) < 0) {
      throw new IllegalArgumentException("latency range [" + min + ", " + max + "] must satisfy 0 <= min <= max");
    }
    maxLatencyMillis = max.toMillis();
    minLatencyMillis = min.toMillis();
    return this;
  }

  /** Fails the next {@code times} requests with the verb on the resource (plural, e.g. {@code pods}). */
  public ApiFaults failNext(int times, Verb verb, String resource, InjectedFailure failure) {
    Objects.requireNonNull(verb, "verb");
    Objects.requireNonNull(resource, "resource");
    return plan(times, verb, resource, failure);
  }

  /** Fails the next {@code times} requests of any verb on the resource (plural, e.g. {@code pods}). */
  public ApiFaults failNext(int times, String resource, InjectedFailure failure) {
    Objects.requireNonNull(resource, "resource");
    return plan(times, null, resource, failure);
  }

  private ApiFaults plan(int times, Verb verb, String resource, InjectedFailure failure) {
    if (times <= 0) {
      throw new IllegalArgumentException("times must be positive, got " + times);
    }
    failures.add(new PlannedFailure(verb, resource, Objects.requireNonNull(failure, "failure"),
        new AtomicInteger(times)));
    return this;
  }

  /** Closes every open watch from the server side; clients must watch again from their last resourceVersion. */
  public int closeAllWatches() {
    var watches = store.openWatches();
    watches.forEach(w -> w.close("watch closed by injected fault"));
    LOG.info("closed {} open watches", watches.size());
    return watches.size();
  }

  /** Drops the retained event history; a watch from any earlier resourceVersion now gets 410 Gone. */
  public void compactHistory() {
    store.compactHistory();
  }

  /** Removes latency and pending failures. */
  public void clear() {
    failures.clear();
    minLatencyMillis = 0;
    maxLatencyMillis = 0;
  }

  long nextLatencyMillis() {
    long min = minLatencyMillis;
    long max = maxLatencyMillis;
    return max <= min ? min : ThreadLocalRandom.current().nextLong(min, max + 1);
  }

  /** The failure planned for this request, consuming one of its remaining uses. */
  ApiException failureFor(Verb verb, ResourceType type, String name) {
    for (Iterator<PlannedFailure> it = failures.iterator(); it.hasNext(); ) {
      PlannedFailure planned = it.next();
      if (planned.matches(verb, type.plural())) {
        int left = planned.remaining().decrementAndGet();
        if (left <= 0) {
          it.remove();
        }
        if (left >= 0) {
          LOG.info("injecting {} into {} {}/{}", planned.failure(), verb, type.plural(), name);
          return planned.failure().toException(type, name);
        }
      }
    }
    return null;
  }
}
