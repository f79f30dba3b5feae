package io.qdranthybrid.harness.kube;

import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.WebSocket;
import io.vertx.core.http.HttpServerResponse;

import java.util.function.UnaryOperator;

/**
 * Lets a {@link WatchStream} written for websockets send over a chunked HTTP response instead: each frame is one
 * JSON watch event followed by a newline, as kube-apiserver's streaming watch encoder writes them.
 */
final class ChunkedWatchSocket implements WebSocket {

  private final RecordedRequest request;
  private final HttpServerResponse response;
  private final UnaryOperator<String> frames;
  private volatile boolean closed;

  ChunkedWatchSocket(RecordedRequest request, HttpServerResponse response, UnaryOperator<String> frames) {
    this.request = request;
    this.response = response;
    this.frames = frames;
  }

  @Override
  public RecordedRequest request() {
    return request;
  }

  @Override
  public synchronized boolean send(String frame) {
    if (closed) {
      return false;
    }
    response.write(frames.apply(frame) + "\n");
    return true;
  }

  @Override
  public boolean send(byte[] frame) {
    return send(new String(frame, java.nio.charset.StandardCharsets.UTF_8));
  }

  /** The server ends the watch (timeout, restart): the stream ends, and the client starts a new watch. */
  @Override
  public synchronized boolean close(int code, String reason) {
    if (closed) {
      return false;
    }
    closed = true;
    response.end();
    return true;
  }
}
