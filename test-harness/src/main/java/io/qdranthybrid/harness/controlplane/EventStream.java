package io.qdranthybrid.harness.controlplane;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

import java.nio.charset.StandardCharsets;

/**
 * Server-Sent Events of the control plane's {@link ControlPlaneEvent}s on one HTTP connection: each event's
 * sequence is its SSE id, so a browser that reconnects (after an outage, say) sends Last-Event-ID and gets what it
 * missed replayed from the retained history.
 */
final class EventStream implements AutoCloseable {

    /** How soon a browser reconnects after the stream broke. */
    private static final int RETRY_MILLIS = 1000;

    private final Channel channel;
    private final ControlPlaneEvents.Subscription subscription;

    private EventStream(Channel channel, ControlPlaneEvents events, long lastEventId) {
        this.channel = channel;
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
        HttpUtil.setTransferEncodingChunked(response, true);
        channel.write(response);
        write("retry: " + RETRY_MILLIS + "\n\n");
        // Subscribe before replaying: an event in between comes twice rather than never; clients skip seen ids.
        this.subscription = events.subscribe(this::send);
        events.since(lastEventId).forEach(this::send);
    }

    /** Starts streaming on {@code channel}; events after {@code lastEventId} that are still retained come first. */
    static EventStream open(Channel channel, ControlPlaneEvents events, long lastEventId) {
        return new EventStream(channel, events, lastEventId);
    }

    private void send(ControlPlaneEvent event) {
        try {
            write("id: " + event.sequence() + "\ndata: " + ConsoleJson.MAPPER.writeValueAsString(event) + "\n\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event record always serialises", e);
        }
    }

    private void write(String text) {
        if (channel.isActive()) {
            channel.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8)));
        }
    }

    @Override
    public void close() {
        subscription.close();
    }
}
