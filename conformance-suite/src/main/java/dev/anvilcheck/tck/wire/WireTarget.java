package dev.anvilcheck.tck.wire;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Where and how to reach a runtime certified over the wire (Uplink protocol §1.1, §2.5): its
 * uplink endpoint, its server (trusted) and client (untrusted) uplink keys, its HTTP origin, the
 * zone its server code runs in, the call timeout it enforces ({@link Duration#ZERO} for none) and
 * how many finished background tasks it keeps (TASK-25), which the wire cannot ask it.
 *
 * @param uplinkUrl e.g. {@code ws://127.0.0.1:3030/_/uplink}
 * @param serverKey the server uplink key
 * @param clientKey the client uplink key
 * @param origin the HTTP origin, e.g. {@code http://127.0.0.1:3030}, or {@code null}
 * @param serverZone the zone of the runtime's server code
 * @param callTimeout the runtime's call timeout, or {@link Duration#ZERO}
 * @param taskRetention how many finished task records the runtime keeps (TASK-25; the App Server's
 *     1000 by default), {@link Integer#MAX_VALUE} for all
 * @since 0.1
 */
public record WireTarget(URI uplinkUrl, String serverKey, String clientKey, URI origin, ZoneId serverZone,
        Duration callTimeout, int taskRetention) {
    /** The App Server's task retention, the default of {@link #taskRetention()} (TASK-25). */
    public static final int APP_SERVER_TASK_RETENTION = 1000;
    /** The system property naming the uplink endpoint. */
    public static final String URL_PROPERTY = "anvilcheck.wire.url";
    /** The system property holding the server uplink key. */
    public static final String SERVER_KEY_PROPERTY = "anvilcheck.wire.serverKey";
    /** The system property holding the client uplink key. */
    public static final String CLIENT_KEY_PROPERTY = "anvilcheck.wire.clientKey";
    /** The system property naming the HTTP origin. */
    public static final String ORIGIN_PROPERTY = "anvilcheck.wire.origin";
    /** The system property naming the server code's zone (default UTC). */
    public static final String ZONE_PROPERTY = "anvilcheck.wire.serverZone";
    /** The system property giving the call timeout in milliseconds (default 0, none). */
    public static final String CALL_TIMEOUT_PROPERTY = "anvilcheck.wire.callTimeoutMillis";
    /** The system property giving the task retention (default {@value #APP_SERVER_TASK_RETENTION}, TASK-25). */
    public static final String TASK_RETENTION_PROPERTY = "anvilcheck.wire.taskRetention";

    /**
     * Validates the target.
     *
     * @param uplinkUrl the endpoint
     * @param serverKey the server key
     * @param clientKey the client key
     * @param origin the origin, or {@code null}
     * @param serverZone the zone
     * @param callTimeout the call timeout
     * @param taskRetention the task retention, not negative
     */
    public WireTarget {
        Objects.requireNonNull(uplinkUrl, "uplinkUrl");
        Objects.requireNonNull(serverKey, "serverKey");
        Objects.requireNonNull(clientKey, "clientKey");
        Objects.requireNonNull(serverZone, "serverZone");
        Objects.requireNonNull(callTimeout, "callTimeout");
        if (taskRetention < 0) {
            throw new IllegalArgumentException("taskRetention must not be negative: " + taskRetention);
        }
    }

    /**
     * A target whose runtime keeps the App Server's {@value #APP_SERVER_TASK_RETENTION} finished tasks
     * (TASK-25).
     *
     * @param uplinkUrl the endpoint
     * @param serverKey the server key
     * @param clientKey the client key
     * @param origin the origin, or {@code null}
     * @param serverZone the zone
     * @param callTimeout the call timeout
     */
    public WireTarget(URI uplinkUrl, String serverKey, String clientKey, URI origin, ZoneId serverZone,
            Duration callTimeout) {
        this(uplinkUrl, serverKey, clientKey, origin, serverZone, callTimeout, APP_SERVER_TASK_RETENTION);
    }

    /**
     * The target the system properties {@value #URL_PROPERTY}, {@value #SERVER_KEY_PROPERTY},
     * {@value #CLIENT_KEY_PROPERTY}, {@value #ORIGIN_PROPERTY}, {@value #ZONE_PROPERTY},
     * {@value #CALL_TIMEOUT_PROPERTY} and {@value #TASK_RETENTION_PROPERTY} describe.
     *
     * @return the target
     * @throws IllegalStateException naming the missing property when the URL or a key is not set
     */
    public static WireTarget fromSystemProperties() {
        String origin = System.getProperty(ORIGIN_PROPERTY);
        return new WireTarget(URI.create(required(URL_PROPERTY)), required(SERVER_KEY_PROPERTY),
                required(CLIENT_KEY_PROPERTY), origin == null || origin.isBlank() ? null : URI.create(origin),
                ZoneId.of(System.getProperty(ZONE_PROPERTY, "UTC")),
                Duration.ofMillis(Long.parseLong(System.getProperty(CALL_TIMEOUT_PROPERTY, "0"))),
                Integer.parseInt(System.getProperty(TASK_RETENTION_PROPERTY, String.valueOf(APP_SERVER_TASK_RETENTION))));
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("Certification over the wire needs -D" + property + "=...: set "
                    + URL_PROPERTY + ", " + SERVER_KEY_PROPERTY + " and " + CLIENT_KEY_PROPERTY
                    + " (and optionally " + ORIGIN_PROPERTY + ")");
        }
        return value;
    }
}
