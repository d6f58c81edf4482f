package dev.anvilcheck.runtime.internal.http;

import dev.anvilcheck.runtime.internal.ConnectionLimits;
import dev.anvilcheck.runtime.internal.control.ControlApi;
import dev.anvilcheck.runtime.internal.control.ControlEvents;
import dev.anvilcheck.spi.RawHttpRequest;
import dev.anvilcheck.spi.RawHttpResponse;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP/1.1 connection of the {@link HttpListener}, after the {@link RequestDecoder}: it
 * assembles each request (its body read once into a {@link BodyBuffer}), serves the requests one
 * at a time, in the order they arrived, on a worker thread through {@link HttpService}, and
 * writes each response before the next request starts, so pipelined requests are answered in
 * order (RFC 9112 §9.3.2) and each gets its answer. All its state lives on the channel's event
 * loop; a worker only computes a response and hands it back to the loop.
 *
 * <p>Bounds. It reads ahead at most {@value #MAX_QUEUED} requests, or {@value #MAX_QUEUED_BYTES}
 * bytes of their bodies, behind the one being served; beyond that it stops reading the socket
 * until the queue drains (the client's writes then wait in TCP's window), and at most one
 * response is waiting to be written. One worker thread per connection at most.
 *
 * <p>Limits ({@link ConnectionLimits}). With no request in progress (no request being received,
 * no endpoint running: before the first request, between requests, or while a response waits
 * for a client that does not read), the connection is closed after {@code idleTimeout}; a request
 * head must be complete within {@code requestHeadTimeout} of its first byte; a body whose bytes
 * stop arriving for {@code idleTimeout} is closed too. An endpoint that is running is never cut
 * short by these timeouts. A client that shuts its output down (a half-close) still gets the
 * answers of every whole request it sent; the connection closes once they are written.
 *
 * <p>Failures keep their answers of old: a malformed request is a 400, a body over the limit a 413
 * (its bytes are drained, not kept), an {@code Expect} other than {@code 100-continue} a 417, each
 * in its turn and followed by the close; {@code Expect: 100-continue} is answered with 100 once the
 * request is first in line. {@code Connection: close}, HTTP/1.0 without keep-alive and a request
 * with both {@code Transfer-Encoding} and {@code Content-Length} close the connection after their
 * response; nothing sent after them is answered. A GET upgrading to the Uplink WebSocket, in its
 * turn, hands the channel to {@link UplinkSocket}, and this handler leaves the pipeline; the channel
 * then no longer allows half-closure, so that an uplink whose peer's stream ends is disconnected.
 */
final class HttpConnection extends ChannelInboundHandlerAdapter implements RequestDecoder.Listener {
    /** Requests read ahead of the one being served, at most, before reading stops. */
    static final int MAX_QUEUED = 16;
    /** Bytes of request bodies read ahead of the one being served, at most, before reading stops. */
    static final int MAX_QUEUED_BYTES = 1 << 20;

    private static final System.Logger LOG = System.getLogger(HttpConnection.class.getName());
    private static final long NONE = Long.MIN_VALUE;

    private enum Receiving {
        /** Between requests. */
        NONE,
        /** Bytes of a request head have arrived, not yet all of it. */
        HEAD,
        /** The head is complete, the body arrives. */
        BODY,
        /** The rest of a request that will not be served is dropped as it arrives. */
        DISCARD
    }

    /** A whole request waiting its turn, or the refusal that takes its place. */
    private record Received(HttpRequest head, byte[] body, boolean closeAfter, RawHttpResponse refusal) {
        int bodyLength() {
            return body == null ? 0 : body.length;
        }
    }

    private final HttpService service;
    private final Executor workers;
    private final long idleNanos;
    private final long headNanos;
    private ChannelHandlerContext ctx;
    private String remote;

    private Receiving receiving = Receiving.NONE;
    private long headBegan;
    private long lastRead;
    private HttpRequest head;
    private BodyBuffer body;
    private boolean closeAfterThis;
    private boolean continueOwed;

    private final ArrayDeque<Received> queue = new ArrayDeque<>();
    private long queuedBytes;
    /** No request after the last one queued will be served: it closes the connection. */
    private boolean lastReceived;
    private boolean serving;
    private boolean writing;
    private boolean closing;
    private boolean upgraded;
    /** The control API's event stream is being written: no further request is served. */
    private boolean streaming;
    private boolean reading = true;
    private long idleSince;

    private ScheduledFuture<?> timer;
    private long timerAt;

    HttpConnection(HttpService service, Executor workers, ConnectionLimits limits) {
        this.service = service;
        this.workers = workers;
        this.idleNanos = limits.idleTimeout().toNanos();
        this.headNanos = limits.requestHeadTimeout().toNanos();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.remote = NettyMessages.remoteAddress(ctx.channel().remoteAddress());
        idleSince = System.nanoTime();
        lastRead = idleSince;
        if (ctx.channel().isActive()) {
            rearm();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        rearm();
        ctx.fireChannelActive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancelTimer();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closing = true;
        cancelTimer();
        queue.clear();
        queuedBytes = 0;
        body = null;
        ctx.fireChannelInactive();
    }

    // ---- what the decoder tells ----

    @Override
    public void requestBegun() {
        if (receiving == Receiving.NONE) {
            receiving = Receiving.HEAD;
            headBegan = System.nanoTime();
            rearm();
        }
    }

    @Override
    public void closeAfterThisRequest() {
        closeAfterThis = true;
    }

    // ---- receiving ----

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HttpObject)) {
            ctx.fireChannelRead(msg);
            return;
        }
        lastRead = System.nanoTime();
        try {
            if (lastReceived || closing) {
                if (msg instanceof LastHttpContent) {
                    receiving = Receiving.NONE;
                }
                return;
            }
            if (msg instanceof HttpRequest request) {
                headReceived(request);
            }
            if (msg instanceof HttpContent content && receiving != Receiving.NONE) {
                contentReceived(content);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
        throttle();
        dispatch();
    }

    private void headReceived(HttpRequest request) {
        head = request;
        body = null;
        receiving = Receiving.BODY;
        boolean closeAfter = closeAfterThis;
        closeAfterThis = false;
        if (request.decoderResult().isFailure()) {
            refuse(ResponseWriter.text(400, "text/plain", "Malformed HTTP request"));
            return;
        }
        if (unsupportedExpectation(request)) {
            refuse(ResponseWriter.text(417, "text/plain", "Expectation failed"));
            return;
        }
        long length;
        try {
            length = HttpUtil.getContentLength(request, -1L);
        } catch (NumberFormatException e) {
            refuse(ResponseWriter.text(400, "text/plain", "Malformed HTTP request"));
            return;
        }
        if (length > service.maxBody()) {
            refuse(tooLarge());
            return;
        }
        closeAfterThis = closeAfter;
        body = new BodyBuffer(length, service.maxBody());
        if (HttpUtil.is100ContinueExpected(request)) {
            continueOwed = true;
        }
    }

    private void contentReceived(HttpContent content) {
        boolean last = content instanceof LastHttpContent;
        if (receiving == Receiving.DISCARD) {
            if (last) {
                receiving = Receiving.NONE;
            }
            return;
        }
        if (content.decoderResult().isFailure()) {
            refuse(ResponseWriter.text(400, "text/plain", "Malformed HTTP request"));
        } else if (!body.add(content.content())) {
            refuse(tooLarge());
        } else if (last) {
            byte[] bytes = body.take();
            body = null;
            boolean closeAfter = closeAfterThis || !HttpUtil.isKeepAlive(head);
            closeAfterThis = false;
            continueOwed = false;
            queue.add(new Received(head, bytes, closeAfter, null));
            queuedBytes += bytes == null ? 0 : bytes.length;
            head = null;
            receiving = Receiving.NONE;
            lastReceived = closeAfter;
            return;
        }
        if (last && receiving == Receiving.DISCARD) {
            receiving = Receiving.NONE;
        }
    }

    /** The request being received is answered with {@code response} in its turn, then the close. */
    private void refuse(RawHttpResponse response) {
        queue.add(new Received(head, null, true, response));
        head = null;
        body = null;
        continueOwed = false;
        closeAfterThis = false;
        receiving = Receiving.DISCARD;
        lastReceived = true;
    }

    /** An {@code Expect} other than {@code 100-continue} in an HTTP/1.1 request (RFC 9110 §10.1.1). */
    private static boolean unsupportedExpectation(HttpRequest request) {
        String expect = request.headers().get(HttpHeaderNames.EXPECT);
        return expect != null && request.protocolVersion().compareTo(HttpVersion.HTTP_1_1) >= 0
                && !HttpHeaderValues.CONTINUE.contentEqualsIgnoreCase(expect);
    }

    private static RawHttpResponse tooLarge() {
        return ResponseWriter.text(413, "text/plain", "Request body too large");
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent && streaming) {
            closing = true; // an event stream's client that is gone reads no more events
            ctx.close();
        } else if (evt instanceof ChannelInputShutdownEvent) {
            // a half-close: what arrived whole is answered, a request cut short is dropped
            if (receiving != Receiving.NONE) {
                receiving = Receiving.NONE;
                head = null;
                body = null;
                continueOwed = false;
            }
            lastReceived = true;
            dispatch();
        }
        ctx.fireUserEventTriggered(evt);
    }

    // ---- serving, in order ----

    private void dispatch() {
        if (closing || upgraded) {
            return;
        }
        if (!serving && !writing && !queue.isEmpty()) {
            Received next = queue.poll();
            queuedBytes -= next.bodyLength();
            if (next.refusal() != null) {
                respond(next, next.refusal());
            } else if (isUplinkUpgrade(next.head())) {
                upgrade(next.head());
                return;
            } else {
                serve(next);
            }
        }
        if (!serving && !writing && queue.isEmpty()) {
            if (continueOwed) {
                continueOwed = false;
                ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE,
                        Unpooled.EMPTY_BUFFER));
            } else if (lastReceived && receiving == Receiving.NONE && !closing) {
                closing = true;
                closeAfterWrites();
                return;
            }
        }
        resume();
        rearm();
    }

    private void serve(Received request) {
        serving = true;
        try {
            workers.execute(() -> {
                RawHttpResponse response;
                RawHttpRequest raw = null;
                try {
                    raw = NettyMessages.toRaw(request.head());
                    ControlApi control = service.control();
                    if (control != null && ControlApi.isEventStream(raw)) {
                        ControlEvents.Opened opened = control.openEvents(raw, request.body(), remote);
                        if (opened.refusal() != null) {
                            answered(request, opened.refusal());
                        } else {
                            try {
                                ctx.executor().execute(() -> stream(opened.subscription()));
                            } catch (RejectedExecutionException e) {
                                opened.subscription().cancel();
                            }
                        }
                        return;
                    }
                    if (control != null && ControlApi.handles(raw.target())) {
                        // the control API may answer later (a long poll) without holding this worker
                        control.serve(raw, request.body(), remote).whenComplete((answer, failure) ->
                                answered(request, answer != null ? answer : ResponseWriter.exception()));
                        return;
                    }
                    response = service.serve(raw, request.body(), remote).response();
                } catch (RuntimeException | Error e) {
                    if (raw != null) {
                        service.failed(raw, e);
                    }
                    response = ResponseWriter.exception();
                }
                answered(request, response);
            });
        } catch (RejectedExecutionException e) {
            LOG.log(System.Logger.Level.DEBUG, "A request arrived while the listener closes; closing its connection");
            serving = false;
            closing = true;
            ctx.close();
        }
    }

    /**
     * Answers with the control API's event stream: the head now, each frame as it comes, until
     * either side closes. The connection serves no further request ({@code serving} stays set, so
     * no timeout applies); a client that stops reading until Netty's buffer is full is closed
     * rather than buffered without bound, and reconnects.
     */
    private void stream(ControlEvents.Subscription subscription) {
        if (closing || !ctx.channel().isActive()) {
            subscription.cancel();
            return;
        }
        cancelTimer();
        lastReceived = true;
        streaming = true;
        DefaultHttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store").set("X-Content-Type-Options", "nosniff");
        HttpUtil.setTransferEncodingChunked(head, true);
        ctx.writeAndFlush(head);
        ctx.channel().closeFuture().addListener(done -> subscription.cancel());
        subscription.start(new ControlEvents.Sink() {
            @Override
            public void write(byte[] frame) {
                onLoop(() -> {
                    if (!ctx.channel().isActive()) {
                        return;
                    }
                    if (!ctx.channel().isWritable()) {
                        LOG.log(System.Logger.Level.DEBUG, "An event stream's client does not read; closing it");
                        ctx.close();
                        return;
                    }
                    ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(frame)));
                });
            }

            @Override
            public void end() {
                onLoop(() -> ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT)
                        .addListener(ChannelFutureListener.CLOSE));
            }
        });
    }

    private void onLoop(Runnable task) {
        try {
            ctx.executor().execute(task);
        } catch (RejectedExecutionException e) {
            LOG.log(System.Logger.Level.DEBUG, "An event was ready while the listener closes");
        }
    }

    /** Hands a response computed off the event loop back to it, unless the listener closes. */
    private void answered(Received request, RawHttpResponse response) {
        try {
            ctx.executor().execute(() -> served(request, response));
        } catch (RejectedExecutionException e) {
            LOG.log(System.Logger.Level.DEBUG, "A response was ready while the listener closes");
        }
    }

    private void served(Received request, RawHttpResponse response) {
        serving = false;
        if (closing || !ctx.channel().isActive()) {
            return;
        }
        respond(request, response);
        throttle();
        dispatch();
    }

    private void respond(Received request, RawHttpResponse response) {
        boolean keepAlive = !request.closeAfter() && !(lastReceived && queue.isEmpty()
                && receiving == Receiving.NONE);
        boolean headOnly = request.head() != null && HttpMethod.HEAD.equals(request.head().method());
        writing = true;
        idleSince = System.nanoTime();
        ChannelFuture written = ctx.writeAndFlush(NettyMessages.toNetty(response, keepAlive, headOnly));
        if (!keepAlive) {
            closing = true;
            queue.clear();
            queuedBytes = 0;
            written.addListener(ChannelFutureListener.CLOSE);
            rearm();
            return;
        }
        written.addListener((ChannelFutureListener) done -> {
            writing = false;
            if (!done.isSuccess()) {
                LOG.log(System.Logger.Level.DEBUG, "Writing a response failed; closing the connection", done.cause());
                closing = true;
                ctx.close();
                return;
            }
            idleSince = System.nanoTime();
            dispatch();
        });
    }

    private void closeAfterWrites() {
        cancelTimer();
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    private boolean isUplinkUpgrade(HttpRequest request) {
        return service.uplinks() != null && UplinkSocket.isUpgrade(asFull(request));
    }

    private void upgrade(HttpRequest request) {
        upgraded = true;
        cancelTimer();
        if (ctx.channel() instanceof DuplexChannel duplex && duplex.isInputShutdown()) {
            closing = true;
            ctx.close(); // the client is gone already: no uplink to serve
            return;
        }
        // the socket leaves the event loop once the handshake is done, and is read by the uplink's threads
        UplinkSocket.upgrade(ctx, asFull(request), service.uplinks(), remote);
        if (!ctx.isRemoved()) {
            // no handshake took place (an unsupported WebSocket version got its answer): still HTTP
            upgraded = false;
            idleSince = System.nanoTime();
            dispatch();
        }
    }

    private static FullHttpRequest asFull(HttpRequest request) {
        return new DefaultFullHttpRequest(request.protocolVersion(), request.method(), request.uri(),
                Unpooled.EMPTY_BUFFER, request.headers(), EmptyHttpHeaders.INSTANCE);
    }

    // ---- reading no further ahead than the bounds ----

    private boolean queueFull() {
        boolean busy = serving || writing || !queue.isEmpty();
        long ahead = queuedBytes + (body == null ? 0 : body.size());
        return busy && (queue.size() >= MAX_QUEUED || ahead >= MAX_QUEUED_BYTES);
    }

    private void throttle() {
        if (reading && queueFull()) {
            reading = false;
            ctx.channel().config().setAutoRead(false);
        }
    }

    private void resume() {
        if (!reading && !closing && !queueFull()) {
            reading = true;
            long now = System.nanoTime();
            headBegan = now; // time spent not reading is not the client's
            lastRead = now;
            ctx.channel().config().setAutoRead(true);
        }
    }

    // ---- timeouts ----

    /** When the connection is to be closed for being idle or slow, as things stand; NONE for never. */
    private long deadline() {
        if (serving || upgraded || !ctx.channel().isActive()) {
            return NONE;
        }
        if (reading && receiving == Receiving.HEAD) {
            return headBegan + headNanos;
        }
        if (reading && (receiving == Receiving.BODY || receiving == Receiving.DISCARD)) {
            return lastRead + idleNanos;
        }
        return (lastRead - idleSince > 0 ? lastRead : idleSince) + idleNanos;
    }

    private void rearm() {
        long at = deadline();
        if (at == NONE || timer != null && at - timerAt >= 0) {
            return; // never, or the timer set fires in time and then looks again
        }
        cancelTimer();
        timerAt = at;
        timer = ctx.executor().schedule(this::check, Math.max(0, at - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    private void check() {
        timer = null;
        long at = deadline();
        if (at == NONE) {
            return;
        }
        if (System.nanoTime() - at >= 0) {
            LOG.log(System.Logger.Level.DEBUG, "Closing an HTTP connection from {0}: {1}", remote,
                    receiving == Receiving.HEAD && reading ? "request head timeout" : "idle timeout");
            closing = true;
            ctx.close();
        } else {
            rearm();
        }
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(System.Logger.Level.DEBUG, "HTTP connection failed", cause);
        closing = true;
        ctx.close();
    }
}
