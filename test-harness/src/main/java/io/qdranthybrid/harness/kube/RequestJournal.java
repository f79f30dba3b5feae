package io.qdranthybrid.harness.kube;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every request the simulated API server received, counted by verb, resource and client so tests can assert
 * "no writes" and benchmarks can report one component's requests per verb however many were made. Counting is
 * lock-free; the list of individual calls keeps only the most recent {@link #RETAINED_CALLS}.
 */
public final class RequestJournal {

  public static final int RETAINED_CALLS = 100_000;

  /** Counts at one moment, by verb and by resource (plural, qualified with the group when not core). */
  public record Snapshot(Map<Verb, Long> byVerb, Map<String, Map<Verb, Long>> byResource) {

    public long count(Verb verb) {
      return byVerb.getOrDefault(verb, 0L);
    }

    /** Requests of the verb on a resource named {@code plural.group}, or on any group's {@code plural}. */
    public long count(Verb verb, String resource) {
      return byResource.entrySet().stream()
          .filter(e -> e.getKey().equals(resource) || e.getKey().startsWith(resource + "."))
          .mapToLong(e -> e.getValue().getOrDefault(verb, 0L)).sum();
    }

    public long writes() {
      return byVerb.entrySet().stream().filter(e -> e.getKey().isWrite()).mapToLong(Map.Entry::getValue).sum();
    }

    public long total() {
      return byVerb.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /** {@code client} is the request's User-Agent; there are a handful per cluster, so the key space stays small. */
  private record Counter(Verb verb, String resource, String client) {
  }

  private final Map<Counter, LongAdder> counters = new ConcurrentHashMap<>();
  private final ConcurrentLinkedDeque<ApiCall> calls = new ConcurrentLinkedDeque<>();
  private final AtomicInteger retained = new AtomicInteger();

  void record(ApiCall call) {
    String resource = call.group().isEmpty() ? call.resource() : call.resource() + "." + call.group();
    counters.computeIfAbsent(new Counter(call.verb(), resource, call.client()), k -> new LongAdder()).increment();
    calls.addLast(call);
    if (retained.incrementAndGet() > RETAINED_CALLS && calls.pollFirst() != null) {
      retained.decrementAndGet();
    }
  }

  public long count(Verb verb) {
    return counters.entrySet().stream().filter(e -> e.getKey().verb() == verb).mapToLong(e -> e.getValue().sum()).sum();
  }

  /** Requests of the verb on the resource, named by plural ({@code pods}) or plural.group ({@code statefulsets.apps}). */
  public long count(Verb verb, String resource) {
    return snapshot().count(verb, resource);
  }

  /** Creates, updates, patches and deletes since the last reset, subresource writes included. */
  public long writes() {
    return counters.entrySet().stream().filter(e -> e.getKey().verb().isWrite())
        .mapToLong(e -> e.getValue().sum()).sum();
  }

  /** The most recent calls, oldest first. */
  public List<ApiCall> calls() {
    return new ArrayList<>(calls);
  }

  public List<ApiCall> writeCalls() {
    return calls.stream().filter(c -> c.verb().isWrite()).toList();
  }

  public Snapshot snapshot() {
    return snapshot(counter -> true);
  }

  /**
   * Counts of the requests whose User-Agent starts with {@code clientPrefix} (see {@link ApiCall#from}), complete
   * even when more calls were made than {@link #calls()} retains.
   */
  public Snapshot snapshotFrom(String clientPrefix) {
    return snapshot(counter -> counter.client().startsWith(clientPrefix));
  }

  private Snapshot snapshot(java.util.function.Predicate<Counter> included) {
    Map<Verb, Long> byVerb = new EnumMap<>(Verb.class);
    Map<String, Map<Verb, Long>> byResource = new TreeMap<>();
    counters.forEach((counter, adder) -> {
      long n = adder.sum();
      if (n > 0 && included.test(counter)) {
        byVerb.merge(counter.verb(), n, Long::sum);
        byResource.computeIfAbsent(counter.resource(), r -> new EnumMap<>(Verb.class)).merge(counter.verb(), n,
            Long::sum);
      }
    });
    byResource.replaceAll((r, m) -> Map.copyOf(m));
    return new Snapshot(Map.copyOf(byVerb), java.util.Collections.unmodifiableMap(byResource));
  }

  public void reset() {
    counters.clear();
    calls.clear();
    retained.set(0);
  }
}
