package dev.anvilcheck.runtime;

import dev.anvilcheck.runtime.internal.ConnectionLimits;
import java.time.Duration;
import java.util.Objects;

/**
 * What one client may hold of a {@linkplain AnvilRuntime#listen() listening} runtime: open
 * connections, how long a connection may stay silent, how many calls one uplink connection runs at
 * once, and how many bytes of Media still arriving it may keep. A client that goes beyond a limit
 * is refused or disconnected as the platform would refuse it, and what it held is freed; every
 * other client keeps being served. Values are immutable; each {@code with} method returns a copy.
 *
 * <p>Defaults: 1024 connections; an HTTP connection closed after 60
 * seconds without a request, or 10 seconds into a request head that is still not complete; an
 * Uplink closed 5 seconds after it opened if it has not sent a key; 64 calls from one uplink
 * connection running at once (more wait their turn, in order); 256 MiB of unfinished Media per
 * uplink connection, and a quarter of the JVM's maximum heap for all connections together.
 *
 * @since 0.1
 */
public final class ListenerLimits {
    private static final ListenerLimits DEFAULTS = from(ConnectionLimits.DEFAULTS);

    private final int connections;
    private final Duration idleTimeout;
    private final Duration requestHeadTimeout;
    private final Duration uplinkKeyTimeout;
    private final int callsPerConnection;
    private final long mediaBytesPerConnection;
    private final long mediaBytesInAll;

    private ListenerLimits(int connections, Duration idleTimeout, Duration requestHeadTimeout,
            Duration uplinkKeyTimeout, int callsPerConnection, long mediaBytesPerConnection, long mediaBytesInAll) {
        this.connections = connections;
        this.idleTimeout = idleTimeout;
        this.requestHeadTimeout = requestHeadTimeout;
        this.uplinkKeyTimeout = uplinkKeyTimeout;
        this.callsPerConnection = callsPerConnection;
        this.mediaBytesPerConnection = mediaBytesPerConnection;
        this.mediaBytesInAll = mediaBytesInAll;
    }

    private static ListenerLimits from(ConnectionLimits c) {
        return new ListenerLimits(c.connections(), c.idleTimeout(), c.requestHeadTimeout(), c.uplinkKeyTimeout(),
                c.callsPerConnection(), c.mediaBytesPerConnection(), c.mediaBytesInAll());
    }

    /**
     * The limits described on this class.
     *
     * @return the defaults
     */
    public static ListenerLimits defaults() {
        return DEFAULTS;
    }

    /**
     * How many connections (HTTP and Uplink together) may be open at once; one more is closed as
     * soon as it is accepted, before anything is read from it, and the app log says so once in a
     * while (a warning for the first of a burst, then one with how many followed, at most one
     * every 10 seconds), never once per connection.
     *
     * @param max at least 1
     * @return a copy with this limit
     */
    public ListenerLimits withConnections(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("connections must be at least 1: " + max);
        }
        return new ListenerLimits(max, idleTimeout, requestHeadTimeout, uplinkKeyTimeout, callsPerConnection,
                mediaBytesPerConnection, mediaBytesInAll);
    }

    /**
     * How long an HTTP connection may stay open without a request in progress (a keep-alive
     * connection between requests, or one that never sends anything) before it is closed. The
     * same time bounds a pause in a request body that is arriving, and a response the client
     * does not read. A request whose endpoint is running is never closed for it, however long it
     * runs. Uplink connections are not closed for being quiet once they have sent their key.
     *
     * @param timeout positive
     * @return a copy with this limit
     */
    public ListenerLimits withIdleTimeout(Duration timeout) {
        return new ListenerLimits(connections, positive(timeout, "idleTimeout"), requestHeadTimeout,
                uplinkKeyTimeout, callsPerConnection, mediaBytesPerConnection, mediaBytesInAll);
    }

    /**
     * How long a client may take to send a whole request head (request line and headers) from
     * its first byte; a slower one is closed, however steadily its bytes trickle in (against
     * clients that trickle a request to hold a connection). Time during which the listener
     * itself does not read, because the client has many pipelined requests waiting, does not
     * count.
     *
     * @param timeout positive
     * @return a copy with this limit
     */
    public ListenerLimits withRequestHeadTimeout(Duration timeout) {
        return new ListenerLimits(connections, idleTimeout, positive(timeout, "requestHeadTimeout"),
                uplinkKeyTimeout, callsPerConnection, mediaBytesPerConnection, mediaBytesInAll);
    }

    /**
     * How long an Uplink connection may stay open without having sent its key; then it is closed
     * (a normal close, with no message: the platform has no such timeout, so no error text of its
     * own) and the app log records it as refused.
     *
     * @param timeout positive
     * @return a copy with this limit
     */
    public ListenerLimits withUplinkKeyTimeout(Duration timeout) {
        return new ListenerLimits(connections, idleTimeout, requestHeadTimeout, positive(timeout, "uplinkKeyTimeout"),
                callsPerConnection, mediaBytesPerConnection, mediaBytesInAll);
    }

    /**
     * How many calls one uplink connection may have running at once; later calls wait, in the
     * order they arrived, until one of them ends. At most 16 times as many (and at least 256) wait;
     * one more is answered with {@code anvil.server.InternalError} naming the limit. A call nested in
     * a call the server is making to that uplink (its {@code call-stack-id} names it, as the official
     * client's does when code serving a call calls {@code anvil.server.call}) does not wait for a
     * slot, which its ancestor may hold, and neither does the heartbeat; one of each runs so at a
     * time. When the connection goes, its calls still running are interrupted and those waiting
     * dropped.
     *
     * @param max at least 1
     * @return a copy with this limit
     */
    public ListenerLimits withCallsPerConnection(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("callsPerConnection must be at least 1: " + max);
        }
        return new ListenerLimits(connections, idleTimeout, requestHeadTimeout, uplinkKeyTimeout, max,
                mediaBytesPerConnection, mediaBytesInAll);
    }

    /**
     * How many bytes of Media that has not finished arriving one uplink connection may hold, and
     * all connections together (a message's Media count until all of them have arrived); a chunk
     * beyond either drops the message it belongs to with all its Media, and a call is answered
     * with {@code anvil.server.SerializationError} naming the limit, as a call that cannot be read
     * is. A closed connection frees what it held. Independently, a Media that makes less than
     * 64 000 bytes of progress in 60 seconds fails with {@code anvil.server.TimeoutError}.
     *
     * @param perConnection at least 1
     * @param inAll at least 1
     * @return a copy with these limits
     */
    public ListenerLimits withMediaBytes(long perConnection, long inAll) {
        if (perConnection < 1 || inAll < 1) {
            throw new IllegalArgumentException("Media byte limits must be at least 1: " + perConnection + ", "
                    + inAll);
        }
        return new ListenerLimits(connections, idleTimeout, requestHeadTimeout, uplinkKeyTimeout, callsPerConnection,
                perConnection, inAll);
    }

    /** @return the cap on open connections */
    public int connections() {
        return connections;
    }

    /** @return how long an HTTP connection may wait without a request in progress */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** @return how long a request head may take to arrive */
    public Duration requestHeadTimeout() {
        return requestHeadTimeout;
    }

    /** @return how long an Uplink may stay open without a key */
    public Duration uplinkKeyTimeout() {
        return uplinkKeyTimeout;
    }

    /** @return how many calls of one uplink connection run at once */
    public int callsPerConnection() {
        return callsPerConnection;
    }

    /** @return the bytes of unfinished Media one uplink connection may hold */
    public long mediaBytesPerConnection() {
        return mediaBytesPerConnection;
    }

    /** @return the bytes of unfinished Media all uplink connections together may hold */
    public long mediaBytesInAll() {
        return mediaBytesInAll;
    }

    ConnectionLimits internal() {
        return new ConnectionLimits(connections, idleTimeout, requestHeadTimeout, uplinkKeyTimeout, callsPerConnection,
                mediaBytesPerConnection, mediaBytesInAll);
    }

    private static Duration positive(Duration timeout, String name) {
        Objects.requireNonNull(timeout, name);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + timeout);
        }
        return timeout;
    }

    @Override
    public String toString() {
        return "ListenerLimits[connections=" + connections + ", idleTimeout=" + idleTimeout + ", requestHeadTimeout="
                + requestHeadTimeout + ", uplinkKeyTimeout=" + uplinkKeyTimeout + ", callsPerConnection="
                + callsPerConnection + ", mediaBytesPerConnection=" + mediaBytesPerConnection + ", mediaBytesInAll="
                + mediaBytesInAll + "]";
    }
}
