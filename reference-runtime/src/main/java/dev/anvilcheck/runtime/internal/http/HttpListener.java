package dev.anvilcheck.runtime.internal.http;

import dev.anvilcheck.spi.RawHttpRequest;
import dev.anvilcheck.spi.RawHttpResponse;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Serves a runtime's app over HTTP/1.1 on the loopback interface, on a port the system chooses
 * (Netty). Every request is handed, whole, to {@link HttpService#serve}, the same method in-memory
 * requests go through, on a worker thread, so endpoint code may block without stalling the socket
 * threads. {@link #close()} releases the port and ends every thread it started.
 */
final class HttpListener implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(HttpListener.class.getName());

    private final EventLoopGroup group;
    private final ExecutorService workers;
    private final ThreadTracker threads;
    private final ChannelGroup channels;
    private final Channel server;
    private final URI origin;

    private HttpListener(EventLoopGroup group, ExecutorService workers, ThreadTracker threads, ChannelGroup channels,
            Channel server) {
        this.group = group;
        this.workers = workers;
        this.threads = threads;
        this.channels = channels;
        this.server = server;
        InetSocketAddress address = (InetSocketAddress) server.localAddress();
        this.origin = URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort());
    }

    static HttpListener start(HttpService service, int port) {
        ThreadTracker threads = new ThreadTracker();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2,
                threads.track(new DefaultThreadFactory("anvilcheck-http-io", true)), NioIoHandler.newFactory());
        ExecutorService workers = Executors.newCachedThreadPool(
                threads.track(new DefaultThreadFactory("anvilcheck-http", true)));
        ChannelGroup channels = new DefaultChannelGroup("anvilcheck-http", group.next());
        try {
            Channel server = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            channels.add(ch);
                            ch.pipeline().addLast(new HttpServerCodec(), new Aggregator(service.maxBody()),
                                    new Handler(service, workers));
                        }
                    })
                    .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
                    .syncUninterruptibly()
                    .channel();
            channels.add(server);
            return new HttpListener(group, workers, threads, channels, server);
        } catch (Exception e) {
            workers.shutdownNow();
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
            throw new IllegalStateException("Could not listen on the loopback interface: " + e, e);
        }
    }

    URI origin() {
        return origin;
    }

    @Override
    public void close() {
        try {
            channels.close().awaitUninterruptibly();
        } finally {
            workers.shutdownNow();
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
            try {
                if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                    LOG.log(System.Logger.Level.WARNING, "Endpoint calls still running after the listener closed");
                }
                threads.joinAll(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return "HttpListener[" + origin + ", " + server + "]";
    }

    /**
     * Remembers every thread the listener's factories made, so that {@link #close()} returns only
     * once they have all ended, not merely once their loops stopped.
     */
    private static final class ThreadTracker {
        private final java.util.Queue<Thread> made = new java.util.concurrent.ConcurrentLinkedQueue<>();

        java.util.concurrent.ThreadFactory track(java.util.concurrent.ThreadFactory factory) {
            return task -> {
                Thread thread = factory.newThread(task);
                made.add(thread);
                return thread;
            };
        }

        void joinAll(long timeoutMillis) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            for (Thread thread : made) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left > 0) {
                    thread.join(left);
                }
                if (thread.isAlive()) {
                    LOG.log(System.Logger.Level.WARNING, "Listener thread {0} still running after close",
                            thread.getName());
                }
            }
        }
    }

    /** Aggregates a request's body; one larger than the limit gets the same 413 as in memory. */
    private static final class Aggregator extends HttpObjectAggregator {
        Aggregator(int maxBody) {
            super(maxBody);
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
            RawHttpResponse tooLarge = ResponseWriter.text(413, "text/plain", "Request body too large");
            ctx.writeAndFlush(toNetty(tooLarge, false)).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final HttpService service;
        private final ExecutorService workers;

        Handler(HttpService service, ExecutorService workers) {
            this.service = service;
            this.workers = workers;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            if (service.uplinks() != null && UplinkSocket.isUpgrade(request)) {
                UplinkSocket.upgrade(ctx, request, service.uplinks(), remoteAddress(ctx.channel().remoteAddress()));
                return;
            }
            if (request.decoderResult().isFailure()) {
                RawHttpResponse bad = ResponseWriter.text(400, "text/plain", "Malformed HTTP request");
                ctx.writeAndFlush(toNetty(bad, false)).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (Map.Entry<String, String> h : request.headers()) {
                headers.computeIfAbsent(h.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(h.getValue());
            }
            ByteBuf content = request.content();
            byte[] body = null;
            if (content.isReadable()) {
                body = new byte[content.readableBytes()];
                content.getBytes(content.readerIndex(), body);
            }
            String target = request.uri().startsWith("/") ? request.uri() : "/" + request.uri();
            RawHttpRequest raw = new RawHttpRequest(request.method().name(), target, headers, body);
            String remote = remoteAddress(ctx.channel().remoteAddress());
            try {
                workers.execute(() -> {
                    RawHttpResponse response;
                    try {
                        response = service.serve(raw, remote).response();
                    } catch (RuntimeException | Error e) {
                        service.failed(raw, e);
                        response = ResponseWriter.exception();
                    }
                    FullHttpResponse out = toNetty(response, keepAlive);
                    if (keepAlive) {
                        ctx.writeAndFlush(out);
                    } else {
                        ctx.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
                    }
                });
            } catch (RejectedExecutionException e) {
                LOG.log(System.Logger.Level.DEBUG, "A request arrived while the listener closes; closing its"
                        + " connection");
                ctx.close();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.log(System.Logger.Level.DEBUG, "HTTP connection failed", cause);
            ctx.close();
        }

        private static String remoteAddress(SocketAddress address) {
            return address instanceof InetSocketAddress inet && inet.getAddress() != null
                    ? inet.getAddress().getHostAddress() : String.valueOf(address);
        }
    }

    private static FullHttpResponse toNetty(RawHttpResponse response, boolean keepAlive) {
        FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(response.status()), Unpooled.wrappedBuffer(response.body()));
        response.headers().forEach((name, values) -> out.headers().add(name, values));
        out.headers().set(HttpHeaderNames.CONTENT_LENGTH, response.body().length);
        HttpUtil.setKeepAlive(out, keepAlive);
        return out;
    }
}
