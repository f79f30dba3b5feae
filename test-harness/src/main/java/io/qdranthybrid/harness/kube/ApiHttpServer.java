package io.qdranthybrid.harness.kube;

import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.WebSocketListener;
import io.fabric8.mockwebserver.vertx.ServerWebSocketHandler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

import java.net.InetAddress;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The HTTP side of the simulated API server, on Vert.x like fabric8's mock web server, with one thing that server
 * cannot do: a watch asked for without a websocket upgrade (what kubectl and client-go's REST watch send) is
 * answered as the real server does, a chunked HTTP stream of newline-separated JSON events
 * (k8s.io/apiserver/pkg/endpoints/handlers/watch.go). Websocket watches and every other request go to the
 * {@link Dispatcher} as before.
 */
final class ApiHttpServer implements AutoCloseable {

  private final Vertx vertx = Vertx.vertx();
  private final Dispatcher dispatcher;
  private final TableWatchFrames.Factory tableWatches;
  private HttpServer server;
  private HttpServer tlsServer;

  ApiHttpServer(Dispatcher dispatcher, TableWatchFrames.Factory tableWatches) {
    this.dispatcher = dispatcher;
    this.tableWatches = tableWatches;
  }

  /** Listens on {@code address}, on a free port when {@code port} is 0; returns the port. */
  int start(InetAddress address, int port) {
    HttpServerOptions options = new HttpServerOptions().setHost(address.getHostAddress()).setPort(port)
        .setHandle100ContinueAutomatically(true);
    server = vertx.createHttpServer(options).requestHandler(this::handle);
    await(server.listen().toCompletionStage().toCompletableFuture());
    return server.actualPort();
  }

  private void handle(HttpServerRequest request) {
    // Read a body only when one is announced: a websocket upgrade must not have its request consumed.
    io.vertx.core.Future<io.vertx.core.buffer.Buffer> read = hasBody(request) ? request.body()
        : io.vertx.core.Future.succeededFuture(null);
    request.resume();
    read.onFailure(e -> fail(request, e)).onSuccess(body -> {
      RecordedRequest recorded = new RecordedRequest(request.version().alpnName().toUpperCase(Locale.ROOT),
          HttpMethod.fromVertx(request.method()), request.uri(), Headers.builder().addAll(request.headers()).build(),
          new Buffer(body == null ? new byte[0] : body.getBytes()));
      MockResponse response;
      try {
        response = dispatcher.dispatch(recorded);
      } catch (RuntimeException e) {
        fail(request, e);
        return;
      }
      WebSocketListener listener = response.getWebSocketListener();
      if (listener == null) {
        send(request.response(), response);
      } else if ("websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
        request.toWebSocket().onFailure(e -> fail(request, e)).onSuccess(new ServerWebSocketHandler(recorded, response));
      } else {
        stream(request, recorded, listener);
      }
    });
  }

  private static boolean hasBody(HttpServerRequest request) {
    String length = request.getHeader("Content-Length");
    if (length != null && !length.isBlank()) {
      try {
        return Integer.parseInt(length.trim()) > 0;
      } catch (NumberFormatException e) {
        return true;
      }
    }
    return request.headers().contains("Transfer-Encoding");
  }

  /** A watch over plain HTTP: status 200 at once, then one JSON event per chunk until either side closes. */
  private void stream(HttpServerRequest request, RecordedRequest recorded, WebSocketListener listener) {
    HttpServerResponse response = request.response().setStatusCode(200).setChunked(true);
    boolean table = TableView.requested(request.getHeader("Accept"));
    response.putHeader("Content-Type", table ? "application/json;as=Table;v=v1;g=meta.k8s.io" : "application/json");
    response.putHeader("Cache-Control", "no-cache, private");
    ChunkedWatchSocket socket = new ChunkedWatchSocket(recorded, response,
        table ? tableWatches.forRequest(recorded) : frame -> frame);
    response.closeHandler(v -> listener.onClosed(socket, 1000, "client closed the watch"));
    listener.onOpen(socket, null);
  }

  private void send(HttpServerResponse out, MockResponse response) {
    out.setStatusCode(response.code());
    response.getHeaders().toMultimap().forEach(out.headers()::add);
    io.vertx.core.buffer.Buffer body = io.vertx.core.buffer.Buffer.buffer(response.getBody() == null ? new byte[0]
        : response.getBody().getBytes());
    long delay = response.getBodyDelay() == null ? 0 : response.getBodyDelay().toMillis();
    if (delay > 0) {
      vertx.setTimer(delay, t -> out.end(body));
    } else {
      out.end(body);
    }
  }

  private static void fail(HttpServerRequest request, Throwable e) {
    if (!request.response().headWritten()) {
      request.response().setStatusCode(500).end("simulated API server failure: " + e);
    }
  }

  int port() {
    return server.actualPort();
  }

  /**
   * Also listens with TLS on a free port of {@code address}, serving the same API; returns the port. Kubernetes
   * clients built on client-go (kubectl) send their credentials only over TLS (clientcmd's ClientConfig sets the
   * token for TLS transports only), so a kubeconfig for another process points here.
   */
  int startTls(InetAddress address, String certificatePem, String privateKeyPem) {
    HttpServerOptions options = new HttpServerOptions().setHost(address.getHostAddress()).setPort(0)
        .setHandle100ContinueAutomatically(true).setSsl(true)
        .setKeyCertOptions(new io.vertx.core.net.PemKeyCertOptions()
            .addCertValue(io.vertx.core.buffer.Buffer.buffer(certificatePem))
            .addKeyValue(io.vertx.core.buffer.Buffer.buffer(privateKeyPem)));
    tlsServer = vertx.createHttpServer(options).requestHandler(this::handle);
    await(tlsServer.listen().toCompletionStage().toCompletableFuture());
    return tlsServer.actualPort();
  }

  @Override
  public void close() {
    try {
      if (server != null) {
        await(server.close().toCompletionStage().toCompletableFuture());
      }
      if (tlsServer != null) {
        await(tlsServer.close().toCompletionStage().toCompletableFuture());
      }
    } finally {
      await(vertx.close().toCompletionStage().toCompletableFuture());
    }
  }

  private static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting or stopping the simulated API server", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the simulated API server's HTTP listener failed: " + e.getMessage(), e);
    }
  }
}
