package dev.anvilcheck.uplink;

import static dev.anvilcheck.uplink.UplinkLog.LOG;
import static dev.anvilcheck.uplink.UplinkLog.esc;

import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.wire.Message;
import dev.anvilcheck.wire.PrivateCommands;
import dev.anvilcheck.wire.WireCodec;
import dev.anvilcheck.wire.WireFormatException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The life of one uplink's connection (Uplink protocol §1.4, §1.7, §2; UPL-02..04, UPL-10): it opens
 * a {@link Link}, sends the key and every registration and waits for the server's verdict (a fatal
 * error refuses the key, UPL-03), keeps the connection alive with a heartbeat, and when a link ends
 * unasked fails the outstanding calls at once and reconnects after the first delay, then every retry
 * delay (after a fatal error, the retry delay from the start), until {@link #disconnect()} clears the
 * key. It knows the current link and the privilege, app info and last fatal error the server gave,
 * and so which link a call may use or which error it raises instead. It is the links'
 * {@link Link.Handler}: it handles the auth reply, fatal errors and a link's end itself and passes
 * every other message on to the {@link InboundDispatcher}.
 */
final class ConnectionSupervisor implements Link.Handler {
    /** The endpoint and the timing of a connection, as the {@link Uplink.Builder} set them. */
    record Settings(URI url, Duration heartbeatInterval, Duration firstRetry, Duration retry, Duration connectTimeout) {
    }

    private final URI url;
    private final Duration heartbeatInterval;
    private final Duration firstRetry;
    private final Duration retry;
    private final Duration connectTimeout;
    private final WireCodec codec;
    private final UplinkThreads threads;
    private final ScheduledExecutorService scheduler;
    private final FunctionRegistry registry;
    private final OutboundCalls calls;
    private final InboundDispatcher inbound;
    private final AtomicLong heartbeats = new AtomicLong();
    private final AtomicLong connections = new AtomicLong();
    private final Object lock = new Object();

    private volatile String key;
    private volatile Link link;
    private volatile String privilege;
    private volatile String fatal;
    private volatile Map<String, Object> appInfo = Map.of();
    private ScheduledFuture<?> heartbeat;
    private ScheduledFuture<?> reconnect;

    /**
     * A supervisor, not yet connected, of connections made with {@code settings} and {@code key},
     * whose links decode with {@code codec}, run on {@code threads}, send the names of
     * {@code registry}, fail the outstanding {@code calls} when they end, and pass the app's messages
     * to {@code inbound}.
     */
    ConnectionSupervisor(Settings settings, String key, WireCodec codec, UplinkThreads threads,
            FunctionRegistry registry, OutboundCalls calls, InboundDispatcher inbound) {
        this.url = settings.url();
        this.heartbeatInterval = settings.heartbeatInterval();
        this.firstRetry = settings.firstRetry();
        this.retry = settings.retry();
        this.connectTimeout = settings.connectTimeout();
        this.key = key;
        this.codec = codec;
        this.threads = threads;
        this.scheduler = threads.scheduler();
        this.registry = registry;
        this.calls = calls;
        this.inbound = inbound;
    }

    /**
     * The link calls go over now, or the error they raise instead: the server's fatal error while it
     * was its last word (UPL-03), "You must use anvil.server.connect(key)" once disconnected (UPL-01),
     * and the connection-lost error while reconnecting (UPL-10).
     */
    Link usableLink() {
        String f = fatal;
        if (f != null) {
            throw new UplinkFatalError(f);
        }
        Link l = link;
        if (l == null) {
            if (key == null) {
                throw new dev.anvilcheck.python.RuntimeError(Uplink.NOT_CONNECTED);
            }
            throw OutboundCalls.lost();
        }
        return l;
    }

    /** Sends the {@code REGISTER} of {@code name} at once if connected, and waits until it is in force. */
    void announce(String name) {
        Link l = link;
        if (l != null && l.authenticated) {
            l.send(codec.encode(new Message.Register(name)));
            settle(l);
        }
    }

    /**
     * Opens a link, sends the key and every registration, and waits until the server accepted the
     * key (UPL-02) and the registrations are in force; then starts the heartbeat, if it is not running.
     *
     * @throws UplinkFatalError if the server refused the key or a registration (UPL-03, UPL-06)
     * @throws RuntimeException the "connect first" error once disconnected, the connection-lost
     *     error if the link ended or timed out first, or the error of a socket that could not be opened
     */
    void open() {
        String k = key;
        if (k == null) {
            throw new dev.anvilcheck.python.RuntimeError(Uplink.NOT_CONNECTED);
        }
        Link l = new Link(codec, this, threads::run, connectTimeout);
        l.open(url);
        synchronized (lock) {
            if (key == null) {
                l.close();
                throw new dev.anvilcheck.python.RuntimeError(Uplink.NOT_CONNECTED);
            }
            link = l;
        }
        try {
            l.send(codec.encode(new Message.Authenticate(k, Message.Authenticate.CURRENT_VERSION)));
            for (String name : registry.names()) {
                l.send(codec.encode(new Message.Register(name)));
            }
            privilege = l.auth.get(connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            l.close();
            throw e.getCause() instanceof RuntimeException r ? r : OutboundCalls.lost();
        } catch (TimeoutException | RuntimeException e) {
            l.close();
            throw OutboundCalls.lost();
        } catch (InterruptedException e) {
            l.close();
            Thread.currentThread().interrupt();
            throw OutboundCalls.lost();
        }
        l.authenticated = true;
        if (!registry.isEmpty()) {
            settle(l);
        }
        fatal = null;
        connections.incrementAndGet();
        synchronized (lock) {
            // a function registered between the REGISTERs above and authentication
            lock.notifyAll();
            if (heartbeat == null && !heartbeatInterval.isZero() && key != null) {
                long every = heartbeatInterval.toMillis();
                heartbeat = scheduler.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
            }
        }
    }

    /**
     * Waits until the server has handled every message sent so far on {@code l}, by a round trip of
     * {@code anvil.private.echo} behind them: the server reads a socket's messages in order
     * (Uplink protocol §1.6), so registrations are in force once it answers, and a registration
     * it refuses (UPL-06) ends the socket with its fatal error before the answer.
     */
    private void settle(Link l) {
        try {
            echo("registered");
        } catch (RuntimeException e) {
            if (l.fatal != null) {
                throw new UplinkFatalError(l.fatal);
            }
            throw e;
        }
    }

    /** Calls {@code anvil.private.echo(text)} at the top level and returns the server's echo. */
    private Object echo(String text) {
        Arguments arguments = Arguments.of(text);
        return calls.roundTrip(usableLink(), null, PrivateCommands.ECHO,
                id -> Message.Call.of(id, PrivateCommands.ECHO, arguments));
    }

    /** Runs one heartbeat now (§1.4) and counts it; see {@link Uplink#heartbeat()}. */
    Object heartbeat() {
        Object echo = echo("keep-alive");
        heartbeats.incrementAndGet();
        return echo;
    }

    private void beat() {
        if (!isConnected()) {
            return;
        }
        try {
            heartbeat();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "uplink heartbeat failed", e);
        }
    }

    /** How many heartbeats the server answered. */
    long heartbeats() {
        return heartbeats.get();
    }

    /** How many times a link was authenticated. */
    long connections() {
        return connections.get();
    }

    /** Whether the current link is open and authenticated. */
    boolean isConnected() {
        Link l = link;
        return l != null && l.authenticated && !l.closed;
    }

    /** The privilege the server granted the key, or {@code null} before the first authentication. */
    String privilege() {
        return privilege;
    }

    /** The {@code app-info} of the server's last auth reply, possibly empty. */
    Map<String, Object> appInfo() {
        return appInfo;
    }

    /** Waits up to {@code timeout} until connected, or disconnected for good; see {@link Uplink#awaitConnected}. */
    boolean awaitConnected(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (!isConnected() && key != null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return isConnected();
        }
    }

    /**
     * Clears the key first, so that nothing reconnects, stops the timers, then closes the link
     * (UPL-04), waiting at most the connect timeout for the server's answering close (RFC 6455 §7.1.1).
     */
    void disconnect() {
        Link l;
        synchronized (lock) {
            key = null;
            if (heartbeat != null) {
                heartbeat.cancel(false);
                heartbeat = null;
            }
            if (reconnect != null) {
                reconnect.cancel(false);
                reconnect = null;
            }
            l = link;
            link = null;
            lock.notifyAll();
        }
        if (l != null) {
            l.close(true);
        }
    }

    // ------------------------------------------------------------------ what the links report

    /** The auth reply and fatal errors are the supervisor's; every other message goes to the dispatcher. */
    @Override
    public void received(Link l, Message message) {
        if (message instanceof Message.AuthOk ok) {
            appInfo = ok.appInfo();
            l.auth.complete(ok.privilege());
        } else if (message instanceof Message.FatalError err) {
            LOG.log(System.Logger.Level.WARNING, "Fatal error from Anvil server: {0}", esc(err.message()));
            l.fatal = err.message();
            if (l.authenticated) {
                fatal = err.message();
            }
            l.auth.completeExceptionally(new UplinkFatalError(err.message()));
        } else {
            inbound.received(l, message);
        }
    }

    @Override
    public void undecodable(Link l, WireFormatException e) {
        inbound.undecodable(l, e);
    }

    /**
     * {@code l} ended: once, it stops being the current link, its auth reply and every outstanding
     * call fail at once (UPL-10), and if it had been authenticated a reconnection is scheduled.
     */
    @Override
    public void closed(Link l) {
        synchronized (lock) {
            if (l.closed) {
                return;
            }
            l.closed = true;
            if (link == l) {
                link = null;
            }
        }
        l.decoder.close();
        l.auth.completeExceptionally(l.fatal != null ? new UplinkFatalError(l.fatal) : OutboundCalls.lost());
        calls.failAll();
        if (l.authenticated) {
            scheduleReconnect(l.fatal != null ? retry : firstRetry);
        }
    }

    private void scheduleReconnect(Duration delay) {
        synchronized (lock) {
            if (key == null || scheduler.isShutdown()) {
                return;
            }
            reconnect = scheduler.schedule(this::reconnect, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void reconnect() {
        if (key == null || isConnected()) {
            return;
        }
        try {
            open();
            LOG.log(System.Logger.Level.INFO, "Anvil uplink reconnected to {0}", esc(url));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.INFO, "Anvil uplink reconnection failed: {0}", esc(e.getMessage()));
            scheduleReconnect(retry);
        }
    }
}
