package dev.anvilcheck.runtime.internal.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Serves a runtime's app over HTTP/1.1 on the loopback interface, on a port the system chooses
 * (Netty). Each accepted connection is counted against the cap ({@link ConnectionCap}: one beyond
 * it is closed at once) and gets a pipeline of three stages: the {@link RequestDecoder} (Netty's,
 * which also reports when a request begins), Netty's response encoder, and an
 * {@link HttpConnection}, which assembles each request, hands it, whole, to
 * {@link HttpService#serve}, the same method in-memory requests go through, on a worker thread (so
 * endpoint code may block without stalling the socket threads), answers pipelined requests in
 * order, applies the idle and request-head timeouts, and hands an Uplink upgrade to
 * {@link UplinkSocket}. Connections may be half-closed: a client that shuts its output down after
 * its requests still reads their answers. {@link #close()} releases the port and ends every thread
 * it started.
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
        ConnectionCap cap = new ConnectionCap(service);
        try {
            Channel server = new ServerBootstrap()
                    .group(group)
                    .channelFactory(ListenerChannel::new)
                    .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            if (!cap.admit(ch)) {
                                return;
                            }
                            channels.add(ch);
                            HttpConnection connection = new HttpConnection(service, workers, service.limits());
                            ch.pipeline().addLast(new RequestDecoder(connection), new HttpResponseEncoder(),
                                    connection);
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
}
