package dev.anvilcheck.runtime.internal.http;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cap on the listener's open connections ({@code ConnectionLimits.connections}), HTTP and
 * Uplink alike, since both are channels of the one listener: a connection accepted beyond it is
 * closed at once, before anything is read from it. Refusals go to the app log once in a while,
 * not once each: the first of a burst at once, then how many followed, at most one entry every
 * {@value #LOG_EVERY_SECONDS} seconds, so a flood of connections cannot flood the log.
 */
final class ConnectionCap {
    static final long LOG_EVERY_SECONDS = 10;
    private static final long LOG_EVERY = TimeUnit.SECONDS.toNanos(LOG_EVERY_SECONDS);

    private final HttpService service;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong unlogged = new AtomicLong();
    private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - LOG_EVERY);
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    private volatile String latest;

    ConnectionCap(HttpService service) {
        this.service = service;
    }

    /**
     * Counts a connection just accepted, until it closes; one beyond the cap is closed instead.
     *
     * @return whether the connection may be served
     */
    boolean admit(Channel channel) {
        int max = service.limits().connections();
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            String remote = NettyMessages.remoteAddress(channel.remoteAddress());
            channel.close();
            refused(remote, channel.eventLoop(), max);
            return false;
        }
        channel.closeFuture().addListener(f -> open.decrementAndGet());
        return true;
    }

    private void refused(String remote, EventLoop loop, int max) {
        unlogged.incrementAndGet();
        latest = remote;
        long now = System.nanoTime();
        long last = lastLogged.get();
        if (now - last >= LOG_EVERY && lastLogged.compareAndSet(last, now)) {
            log(max);
        } else if (flushScheduled.compareAndSet(false, true)) {
            // those refused after the entry are told when the period ends
            long delay = Math.max(0, lastLogged.get() + LOG_EVERY - now);
            try {
                loop.schedule(() -> {
                    flushScheduled.set(false);
                    lastLogged.set(System.nanoTime());
                    log(max);
                }, delay, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException closing) {
                flushScheduled.set(false);
            }
        }
    }

    private void log(int max) {
        long count = unlogged.getAndSet(0);
        if (count > 0) {
            service.connectionsRefused(latest, max, count);
        }
    }
}
