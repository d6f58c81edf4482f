package dev.anvilcheck.runtime.internal;

import java.time.Duration;

/**
 * The listener's limits as the internals read them (the public {@code ListenerLimits} says what
 * each one means).
 *
 * @param connections open connections at most
 * @param idleTimeout an HTTP connection without a request in progress (nor an endpoint running
 *     for it) is closed after this; so is one whose request body stops arriving for this long
 * @param requestHeadTimeout a request head still incomplete this long after its first byte is
 *     dropped with its connection
 * @param uplinkKeyTimeout an Uplink without a key after this is closed
 * @param callsPerConnection calls of one uplink connection running at once
 * @param mediaBytesPerConnection bytes of unfinished Media one uplink connection may hold
 * @param mediaBytesInAll bytes of unfinished Media all uplink connections may hold together
 */
public record ConnectionLimits(int connections, Duration idleTimeout, Duration requestHeadTimeout,
        Duration uplinkKeyTimeout, int callsPerConnection, long mediaBytesPerConnection, long mediaBytesInAll) {
    /** The defaults of the public {@code ListenerLimits}, for internals built without a runtime. */
    public static final ConnectionLimits DEFAULTS = new ConnectionLimits(1024, Duration.ofSeconds(60),
            Duration.ofSeconds(10), Duration.ofSeconds(5), 64, 256L << 20, Runtime.getRuntime().maxMemory() / 4);
}
