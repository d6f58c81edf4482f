package dev.anvilcheck.runtime.internal.uplink;

import dev.anvilcheck.runtime.internal.ConnectionLimits;
import dev.anvilcheck.runtime.internal.Dispatcher;
import dev.anvilcheck.runtime.internal.OutsideTheSpecification;
import dev.anvilcheck.wire.MediaQuota;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The runtime's side of every uplink connection (Uplink protocol §1..§7): the keys that admit a
 * server uplink (trusted, UPL-08) or a client uplink (browser rights, UPL-07), the threads that
 * run calls uplinks make, and the open connections, which it closes when the runtime closes.
 * Keys are compared by their SHA-256 digests in constant time, as the App Server compares them.
 * It holds the {@link ConnectionLimits} of every connection: the Media quota all connections share
 * (each connection's own is a child of it), and a one-thread scheduler that closes a connection
 * which sends no key in time and, every second, expires Media that stopped making progress.
 */
public final class UplinkServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(UplinkServer.class.getName());

    private final Dispatcher dispatcher;
    private final Set<UplinkConnection> connections = ConcurrentHashMap.newKeySet();
    private final TaskMacs taskMacs = new TaskMacs();
    private final ExecutorService workers;
    private final ScheduledThreadPoolExecutor ticker;
    private volatile byte[] serverKey;
    private volatile byte[] clientKey;
    private volatile String description = "App Server";
    private volatile long stallMillis = 30_000;
    private volatile ConnectionLimits limits = ConnectionLimits.DEFAULTS;
    private volatile MediaQuota mediaInAll = sharedQuota(ConnectionLimits.DEFAULTS);
    private volatile boolean closed;
    private volatile java.util.function.BiFunction<String, String, Object> accounts = (email, password) -> null;
    private final AtomicLong connectionIds = new AtomicLong();

    /**
     * An admitted uplink connection, as the control API lists it.
     *
     * @param id the id the control API names it by, e.g. {@code u1}
     * @param key {@code server} or {@code client}: the key it connected with
     * @param remoteAddress the peer's address
     * @param since when it was admitted, by the runtime's clock
     * @param functions the names it registered, endpoint patterns included, sorted
     */
    public record Connected(String id, String key, String remoteAddress, java.time.Instant since,
            List<String> functions) {}

    /** @param dispatcher the runtime's dispatcher, which runs every call */
    @OutsideTheSpecification("the server's threads and its timer for the limits (ListenerLimits): lifecycle and limits,"
            + " which no clause states")
    public UplinkServer(Dispatcher dispatcher) {
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        this.workers = Executors.newCachedThreadPool(daemons("anvilcheck-uplink"));
        this.ticker = new ScheduledThreadPoolExecutor(1, daemons("anvilcheck-uplink-timer"));
        // a key timer is cancelled as its connection gives the key: not kept for the timeout's length
        ticker.setRemoveOnCancelPolicy(true);
        ticker.scheduleWithFixedDelay(this::expireStalledMedia, 1, 1, TimeUnit.SECONDS);
    }

    @OutsideTheSpecification("the server's threads are daemons: lifecycle, which no clause states")
    private static ThreadFactory daemons(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Sets the keys ({@code --uplink-key}, {@code --client-uplink-key}); {@code null} admits no
     * uplink of that kind.
     *
     * @param server the server uplink key, or {@code null}
     * @param client the client uplink key, or {@code null}
     */
    public void keys(String server, String client) {
        this.serverKey = server == null ? null : digest(server);
        this.clientKey = client == null ? null : digest(client);
    }

    /**
     * Sets the user accounts an uplink logs in with through the Users service's functions
     * ({@code anvil.private.users.login_with_email}; AUTH-01), the same accounts as
     * {@code authenticate_users} endpoints use (HTTP-09).
     *
     * @param accounts logs in: the user of an email and password, or {@code null} if they are wrong
     */
    public void accounts(java.util.function.BiFunction<String, String, Object> accounts) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
    }

    /** @return the user accounts uplinks log in with */
    java.util.function.BiFunction<String, String, Object> accounts() {
        return accounts;
    }

    /** @param description the environment name uplinks log on connecting ({@code app-info.environment.description}) */
    public void description(String description) {
        this.description = Objects.requireNonNull(description, "description");
    }

    /** @return the environment name uplinks see */
    @OutsideTheSpecification("the environment name an uplink prints on connecting; no clause speaks of it")
    public String description() {
        return description;
    }

    /**
     * @param millis how long a send may wait for a peer that does not read before the connection
     *     is closed
     */
    @OutsideTheSpecification("the limits of the uplink connections (ListenerLimits, issue 13): the stall timeout; no"
            + " clause states it")
    public void stallMillis(long millis) {
        this.stallMillis = millis;
    }

    /**
     * Sets the limits of the connections opened from now on; the Media quota of all connections is
     * renewed with them.
     *
     * @param limits what one connection may hold (calls at once, unfinished Media, time to send its
     *     key) and all together (unfinished Media)
     */
    public void limits(ConnectionLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.mediaInAll = sharedQuota(limits);
    }

    @OutsideTheSpecification("the limits of the uplink connections (ListenerLimits, issue 13): the quota all"
            + " connections share; no clause states it")
    private static MediaQuota sharedQuota(ConnectionLimits limits) {
        return new MediaQuota(limits.mediaBytesInAll(), null, "all uplink connections together");
    }

    /** The quota of unfinished Media all connections share, the parent of each connection's. */
    @OutsideTheSpecification("the quota of unfinished Media (ConnectionLimits, issue 13); no clause states it")
    MediaQuota mediaInAll() {
        return mediaInAll;
    }

    /** Runs {@code task} on the scheduler after {@code delay}. */
    @OutsideTheSpecification("only the key timeout (ConnectionLimits, issue 13) is scheduled; no clause states it")
    ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        return ticker.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** @return what one connection may hold */
    @OutsideTheSpecification("the runtime's Java API for the limits (ConnectionLimits, issue 13); no clause states them")
    public ConnectionLimits limits() {
        return limits;
    }

    /** @return how long a send waits for a peer that does not read */
    @OutsideTheSpecification("the limits of the uplink connections (ListenerLimits, issue 13): the stall timeout; no"
            + " clause states it")
    public long stallMillis() {
        return stallMillis;
    }

    /**
     * Starts a connection on a socket whose handshake is done.
     *
     * @param transport the socket
     * @param remoteAddress the peer's IP address
     * @return the connection, to be fed the socket's frames
     */
    public UplinkConnection open(UplinkTransport transport, String remoteAddress) {
        UplinkConnection c = new UplinkConnection(this, dispatcher, transport, remoteAddress, limits);
        connections.add(c);
        if (closed) {
            transport.close();
        } else {
            c.startKeyTimer();
        }
        return c;
    }

    /**
     * An uplink was refused before a connection was opened for it, e.g. a WebSocket handshake of a
     * version the listener does not speak: the app log records it.
     *
     * @param remoteAddress the peer's address
     * @param reason why
     */
    public void refused(String remoteAddress, String reason) {
        dispatcher.events().uplinkRefused(remoteAddress, reason);
    }

    /** @return the open connections, authenticated or not */
    @OutsideTheSpecification("the control API's view of the connections (internal.control is not mutated)")
    public int connectionCount() {
        return connections.size();
    }

    /** @return the admitted connections, oldest first */
    @OutsideTheSpecification("the control API's view of the connections (internal.control is excluded)")
    public List<Connected> connected() {
        List<Connected> out = new java.util.ArrayList<>();
        for (UplinkConnection c : connections) {
            Connected d = c.describe();
            if (d != null) {
                out.add(d);
            }
        }
        out.sort(java.util.Comparator.comparingLong(d -> Long.parseLong(d.id().substring(1))));
        return out;
    }

    /**
     * Disconnects the admitted connection with this id, as if its socket broke: its functions
     * leave the registry and calls waiting on it fail with {@code UplinkDisconnectedError}
     * (UPL-09, ERR-08).
     *
     * @param id the id {@link #connected()} gives
     * @return false if no admitted connection has that id
     */
    @OutsideTheSpecification("the control API's disconnect (internal.control is excluded); the SPI's uplinks"
            + " disconnect by closing their socket")
    public boolean disconnect(String id) {
        for (UplinkConnection c : connections) {
            if (c.id().equals(id) && c.describe() != null) {
                c.shutdown("disconnected by the control API");
                return true;
            }
        }
        return false;
    }

    @OutsideTheSpecification("the control API's view of the connections (internal.control is not mutated)")
    String nextConnectionId() {
        return "u" + connectionIds.incrementAndGet();
    }

    void forget(UplinkConnection c) {
        connections.remove(c);
    }

    /** The privilege a key grants: {@code "uplink"}, {@code "client"}, or {@code null} for a wrong key (UPL-03). */
    String privilegeOf(String key) {
        byte[] given = digest(key);
        byte[] server = serverKey;
        byte[] client = clientKey;
        boolean isServer = server != null && MessageDigest.isEqual(server, given);
        boolean isClient = client != null && MessageDigest.isEqual(client, given);
        return isServer ? "uplink" : isClient ? "client" : null;
    }

    /**
     * Runs {@code task} on one of the server's threads, which run the calls uplinks make and read
     * their sockets.
     *
     * @param task what to run
     * @throws java.util.concurrent.RejectedExecutionException once the server is closed
     */
    public void execute(Runnable task) {
        workers.execute(task);
    }

    @OutsideTheSpecification("the limits of the uplink connections (ListenerLimits, issue 13): Media left"
            + " unfinished; no clause states it")
    private void expireStalledMedia() {
        for (UplinkConnection c : connections) {
            try {
                c.expireStalledMedia();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Expiring stalled Media of " + c + " failed", e);
            }
        }
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Closes every connection (their in-flight calls fail with UplinkDisconnectedError) and stops the threads. */
    @Override
    @OutsideTheSpecification("the runtime's own lifecycle: no clause speaks of closing a runtime")
    public void close() {
        closed = true;
        for (UplinkConnection c : connections) {
            c.shutdown();
        }
        connections.clear();
        ticker.shutdownNow();
        workers.shutdownNow();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "Calls from uplinks still running after the runtime closed");
            }
            ticker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return the MACs of the task handles this server's connections send (Uplink protocol §4.6) */
    TaskMacs taskMacs() {
        return taskMacs;
    }
}
