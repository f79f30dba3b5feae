package io.qdranthybrid.harness.controlplane;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Plain HTTP on the control plane's port: the event stream at {@value #EVENTS_PATH}, the REST API under
 * {@value RestApi#PREFIX}, and the web console's static files at {@code /}. One instance per connection.
 */
final class ConsoleHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    static final String EVENTS_PATH = "/api/v1/events";
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleHttpHandler.class);

    private final RestApi api;
    private final ControlPlaneEvents events;
    private final ConsoleResources resources;
    private final RequestGuard guard;
    private EventStream stream;

    ConsoleHttpHandler(RestApi api, ControlPlaneEvents events, ConsoleResources resources, RequestGuard guard) {
        this.api = api;
        this.events = events;
        this.resources = resources;
        this.guard = guard;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        String method = request.method().name();
        String path = new QueryStringDecoder(request.uri()).path();
        Optional<RestResponse> refused = guard.check(method, request.headers().get(HttpHeaderNames.HOST),
                request.headers().get(HttpHeaderNames.ORIGIN), request.headers().get(HttpHeaderNames.CONTENT_TYPE));
        if (refused.isPresent()) {
            LOG.warn("Refused {} {} from {}: {}", method, path, ctx.channel().remoteAddress(),
                    refused.get().body().path("message").asText());
            respond(ctx, request, json(refused.get()));
            return;
        }
        if (path.equals(EVENTS_PATH) && method.equals("GET")) {
            if (stream == null) {
                stream = EventStream.open(ctx.channel(), events, lastEventId(request));
            }
            return;
        }
        if (path.startsWith(RestApi.PREFIX)) {
            RestResponse response = api.handle(method, path, new QueryStringDecoder(request.uri()).parameters(),
                    request.content().toString(StandardCharsets.UTF_8));
            respond(ctx, request, json(response));
            return;
        }
        Optional<ConsoleResources.Resource> file = method.equals("GET") ? resources.find(path) : Optional.empty();
        if (file.isPresent()) {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.wrappedBuffer(file.get().content()));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, file.get().contentType());
            response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
            respond(ctx, request, response);
        } else {
            respond(ctx, request, json(RestResponse.error(404, "no such page: " + path)));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (stream != null) {
            stream.close();
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("HTTP connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    private static long lastEventId(FullHttpRequest request) {
        String header = request.headers().get("Last-Event-ID");
        try {
            return header == null ? Long.MAX_VALUE : Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static FullHttpResponse json(RestResponse answer) {
        byte[] body;
        try {
            body = answer.body() == null ? new byte[0] : ConsoleJson.MAPPER.writeValueAsBytes(answer.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(answer.status()), Unpooled.wrappedBuffer(body));
        if (answer.body() != null) {
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        }
        return response;
    }

    private static void respond(ChannelHandlerContext ctx, FullHttpRequest request, FullHttpResponse response) {
        HttpUtil.setContentLength(response, response.content().readableBytes());
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        HttpUtil.setKeepAlive(response, keepAlive);
        ChannelFuture written = ctx.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }
}
