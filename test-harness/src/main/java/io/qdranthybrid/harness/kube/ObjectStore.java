package io.qdranthybrid.harness.kube;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The simulated etcd plus watch cache: objects indexed by type, namespace and name; one global, strictly
 * increasing resourceVersion; per type a bounded history of events that watches replay from a given
 * resourceVersion. Writes are serialised by one lock so that resourceVersions and event order agree;
 * gets read without locking, lists under the read lock so their resourceVersion matches their items.
 */
final class ObjectStore {

  private static final Logger LOG = LoggerFactory.getLogger(ObjectStore.class);

  /** What a write decided, given the current state (null when absent). */
  @FunctionalInterface
  interface Mutation {
    Outcome apply(StoredObject current);
  }

  /** Keep the object as it is, store a new state, or remove it (watchers see its final state). */
  sealed interface Outcome permits Keep, Put, Remove {
  }

  record Keep() implements Outcome {
  }

  record Put(ObjectNode node) implements Outcome {
  }

  record Remove(ObjectNode finalState) implements Outcome {
  }

  static final Outcome KEEP = new Keep();

  record Listing(List<StoredObject> items, long resourceVersion) {
  }

  private static final class Table {
    final Map<String, Map<String, StoredObject>> byNamespace = new ConcurrentHashMap<>();
    final ArrayDeque<WatchEvent> history = new ArrayDeque<>();
    final Set<WatchStream> watchers = ConcurrentHashMap.newKeySet();
    long droppedThrough;
    /** The resourceVersion of the last write, so caches over one kind know when to refresh. */
    volatile long lastWrite;
  }

  private final ObjectMapper mapper;
  private final int historyLimit;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Map<String, Table> tables = new ConcurrentHashMap<>();
  private volatile long resourceVersion;
  private volatile long compactedThrough;

  ObjectStore(ObjectMapper mapper, int historyLimit) {
    this.mapper = mapper;
    this.historyLimit = historyLimit;
  }

  long resourceVersion() {
    return resourceVersion;
  }

  /** The resourceVersion up to which history was compacted; older versions can no longer be served. */
  long compactedThrough() {
    return compactedThrough;
  }

  StoredObject get(ResourceType type, String namespace, String name) {
    Map<String, StoredObject> objects = table(type).byNamespace.get(nsKey(namespace));
    return objects == null ? null : objects.get(name);
  }

  /** Objects of the type in the namespace (all namespaces when null) that match the selector, sorted by name. */
  Listing list(ResourceType type, String namespace, Selector selector) {
    lock.readLock().lock();
    try {
      Table table = table(type);
      List<StoredObject> items = new ArrayList<>();
      if (namespace != null) {
        Map<String, StoredObject> objects = table.byNamespace.get(nsKey(namespace));
        if (objects != null) {
          objects.values().stream().filter(o -> selector.matches(o.node())).forEach(items::add);
        }
      } else {
        table.byNamespace.values()
            .forEach(objects -> objects.values().stream().filter(o -> selector.matches(o.node())).forEach(items::add));
      }
      items.sort(Comparator.comparing(StoredObject::namespace).thenComparing(StoredObject::name));
      return new Listing(items, resourceVersion);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Applies a mutation to one object atomically with respect to all other writes and emits the resulting
   * watch event. Returns the state after the mutation (the final state for a removal). Without
   * {@code persist} (dry run) the result is computed but neither kept nor watched.
   */
  StoredObject mutate(ResourceType type, String namespace, String name, boolean persist, Mutation mutation) {
    lock.writeLock().lock();
    try {
      Table table = table(type);
      Map<String, StoredObject> objects = table.byNamespace.computeIfAbsent(nsKey(namespace),
          k -> new ConcurrentHashMap<>());
      StoredObject current = objects.get(name);
      Outcome outcome = mutation.apply(current);
      long currentVersion = current == null ? 0 : current.resourceVersion();
      if (outcome instanceof Remove remove) {
        if (current == null) {
          return null;
        }
        if (!persist) {
          return render(remove.finalState().deepCopy(), currentVersion);
        }
        objects.remove(name);
        StoredObject deleted = stamp(remove.finalState().deepCopy());
        publish(table, new WatchEvent(WatchEvent.Type.DELETED, deleted, current));
        return deleted;
      }
      if (outcome instanceof Put put) {
        if (!persist) {
          return render(put.node(), currentVersion);
        }
        StoredObject stored = stamp(put.node());
        objects.put(name, stored);
        publish(table, new WatchEvent(current == null ? WatchEvent.Type.ADDED : WatchEvent.Type.MODIFIED, stored,
            current));
        return stored;
      }
      return current;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Rewrites stored objects of a type in place, keeping their resourceVersion and sending no event: how the
   * simulated etcd shows what the real server does on every read (defaulting with the current CRD schema).
   * {@code rewrite} returns the new tree, or null to keep an object as it is.
   */
  void rewriteInPlace(ResourceType type, java.util.function.UnaryOperator<ObjectNode> rewrite) {
    lock.writeLock().lock();
    try {
      for (Map<String, StoredObject> objects : table(type).byNamespace.values()) {
        objects.replaceAll((name, stored) -> {
          ObjectNode rewritten = rewrite.apply(stored.node());
          return rewritten == null ? stored : render(rewritten, stored.resourceVersion());
        });
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Starts delivering events to a watch whose websocket just opened: replay or initial state first. */
  void attach(WatchStream watch) {
    lock.writeLock().lock();
    try {
      Table table = table(watch.type());
      String from = watch.fromResourceVersion();
      if (from == null || from.isEmpty() || from.equals("0")) {
        list(watch.type(), watch.namespace(), Selector.EVERYTHING).items().stream()
            .filter(o -> watch.inScope(o.node()))
            .forEach(o -> watch.send(WatchEvent.frame("ADDED", o.json())));
      } else {
        long since = parseResourceVersion(from);
        long oldest = Math.max(table.droppedThrough, compactedThrough);
        if (since < oldest) {
          LOG.debug("watch of {} from resourceVersion {} is older than the retained window ({}), answering 410",
              watch.type().storageKey(), since, oldest);
          watch.send(WatchEvent.frame("ERROR", ApiException.gone(since, oldest).toStatus().toString()));
          watch.close("too old resource version");
          return;
        }
        for (WatchEvent event : table.history) {
          if (event.resourceVersion() > since) {
            watch.offer(event);
          }
        }
      }
      table.watchers.add(watch);
    } finally {
      lock.writeLock().unlock();
    }
  }

  void detach(WatchStream watch) {
    table(watch.type()).watchers.remove(watch);
  }

  /** Checks that a list or watch from the given resourceVersion can still be served from history. */
  void requireRetained(ResourceType type, long since) {
    long oldest = Math.max(table(type).droppedThrough, compactedThrough);
    if (since < oldest) {
      throw ApiException.gone(since, oldest);
    }
  }

  List<WatchStream> openWatches() {
    List<WatchStream> all = new ArrayList<>();
    tables.values().forEach(t -> all.addAll(t.watchers));
    return all;
  }

  /**
   * Forgets all retained events. The resourceVersion advances past the compaction point, as it always has in
   * a live cluster, so every client's last seen resourceVersion is now too old and its next watch gets 410.
   */
  void compactHistory() {
    lock.writeLock().lock();
    try {
      tables.values().forEach(t -> t.history.clear());
      resourceVersion = resourceVersion + 1;
      compactedThrough = resourceVersion;
      LOG.info("watch history compacted at resourceVersion {}", compactedThrough);
    } finally {
      lock.writeLock().unlock();
    }
  }

  static long parseResourceVersion(String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("resourceVersion \"" + value + "\" is not a valid resource version");
    }
  }

  private StoredObject stamp(ObjectNode node) {
    long rv = resourceVersion + 1;
    resourceVersion = rv;
    return render(node, rv);
  }

  private StoredObject render(ObjectNode node, long rv) {
    ((ObjectNode) node.path("metadata")).put("resourceVersion", Long.toString(rv));
    try {
      return new StoredObject(node, mapper.writeValueAsString(node), rv);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render stored object as JSON", e);
    }
  }

  /** The resourceVersion of the type's last write (0 before any): changes whenever an object of the type does. */
  long lastWrite(ResourceType type) {
    return table(type).lastWrite;
  }

  private void publish(Table table, WatchEvent event) {
    table.lastWrite = event.resourceVersion();
    table.history.addLast(event);
    while (table.history.size() > historyLimit) {
      table.droppedThrough = table.history.removeFirst().resourceVersion();
    }
    for (WatchStream watch : table.watchers) {
      watch.offer(event);
    }
  }

  private Table table(ResourceType type) {
    return tables.computeIfAbsent(type.storageKey(), k -> new Table());
  }

  private static String nsKey(String namespace) {
    return namespace == null ? "" : namespace;
  }
}
