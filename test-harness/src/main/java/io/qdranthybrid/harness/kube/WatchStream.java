package io.qdranthybrid.harness.kube;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;

/**
 * One open watch: a websocket that receives the events of one resource type within a namespace, name and
 * selector scope. It joins the store once the websocket is open, so replay and live events never overlap.
 */
final class WatchStream extends WebSocketListener {

  private final ObjectStore store;
  private final ResourceType type;
  private final String namespace;
  private final String name;
  private final Selector selector;
  private final String fromResourceVersion;
  private volatile WebSocket socket;

  WatchStream(ObjectStore store, ResourceType type, String namespace, String name, Selector selector,
              String fromResourceVersion) {
    this.store = store;
    this.type = type;
    this.namespace = namespace;
    this.name = name;
    this.selector = selector;
    this.fromResourceVersion = fromResourceVersion;
  }

  ResourceType type() {
    return type;
  }

  /** The resourceVersion to replay from, or null to start with the current state as synthetic ADDED events. */
  String fromResourceVersion() {
    return fromResourceVersion;
  }

  String namespace() {
    return namespace;
  }

  boolean inScope(JsonNode object) {
    JsonNode metadata = object.path("metadata");
    if (namespace != null && !namespace.equals(metadata.path("namespace").asText())) {
      return false;
    }
    if (name != null && !name.equals(metadata.path("name").asText())) {
      return false;
    }
    return selector.matches(object);
  }

  /** Sends what this watcher should see of the change, if anything; called with the store's write lock held. */
  void offer(WatchEvent event) {
    boolean was = event.previous() != null && inScope(event.previous().node());
    boolean is = inScope(event.object().node());
    switch (event.type()) {
      case ADDED -> {
        if (is) {
          send(WatchEvent.frame("ADDED", event.object().json()));
        }
      }
      case DELETED -> {
        if (was || is) {
          send(WatchEvent.frame("DELETED", event.object().json()));
        }
      }
      case MODIFIED -> {
        if (is) {
          send(WatchEvent.frame(was ? "MODIFIED" : "ADDED", event.object().json()));
        } else if (was) {
          send(WatchEvent.frame("DELETED", event.previousAtThisVersion()));
        }
      }
      default -> throw new IllegalStateException("unknown event type " + event.type());
    }
  }

  void send(String frame) {
    WebSocket ws = socket;
    if (ws != null) {
      ws.send(frame);
    }
  }

  /** Ends the watch from the server side, as an API server restart or a watch timeout would. */
  void close(String reason) {
    WebSocket ws = socket;
    store.detach(this);
    if (ws != null) {
      ws.close(1000, reason);
    }
  }

  @Override
  public void onOpen(WebSocket webSocket, Response response) {
    socket = webSocket;
    store.attach(this);
  }

  @Override
  public void onClosing(WebSocket webSocket, int code, String reason) {
    store.detach(this);
  }

  @Override
  public void onClosed(WebSocket webSocket, int code, String reason) {
    store.detach(this);
  }

  @Override
  public void onFailure(WebSocket webSocket, Throwable t, Response response) {
    store.detach(this);
  }
}
