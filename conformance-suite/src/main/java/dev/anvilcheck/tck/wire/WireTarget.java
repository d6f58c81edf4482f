package dev.anvilcheck.tck.wire;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Where and how to reach a runtime certified over the wire (Uplink protocol §1.1, §2.5): its
 * uplink endpoint, its server (trusted) and client (untrusted) uplink keys, its HTTP origin, the
 * zone its server code runs in, the call timeout it enforces ({@link Duration#ZERO} for none) and
 * how many finished background tasks it keeps (TASK-25), which the wire cannot ask it, and the test
 * user account it was started with, if any: an email and password that the Users service's
 * {@code anvil.private.users.login_with_email} accepts, whose user must be the suite's probe user
 * {@code {"email": <email>, "role": "admin"}} (serve mode: {@code --user EMAIL:PASSWORD:role=admin}).
 * The wire cannot create an account: the App Server's {@code signup_with_email} needs the app's
 * Users service to allow sign-ups, and its user rows are the app's; so the target names one it has
 * (AUTH-01..05, HTTP-09).
 *
 * @param uplinkUrl e.g. {@code ws://127.0.0.1:3030/_/uplink}
 * @param serverKey the server uplink key
 * @param clientKey the client uplink key
 * @param origin the HTTP origin, e.g. {@code http://127.0.0.1:3030}, or {@code null}
 * @param serverZone the zone of the runtime's server code
 * @param callTimeout the runtime's call timeout, or {@link Duration#ZERO}
 * @param taskRetention how many finished task records the runtime keeps (TASK-25; the App Server's
 *     1000 by default), {@link Integer#MAX_VALUE} for all
 * @param userEmail the email of the test user account the target was started with, or {@code null}
 * @param userPassword its password, or {@code null}
 * @since 0.1
 */
public record WireTarget(URI uplinkUrl, String serverKey, String clientKey, URI origin, ZoneId serverZone,
        Duration callTimeout, int taskRetention, String userEmail, String userPassword) {
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
     * The system property naming the test user account the target was started with,
     * {@code EMAIL:PASSWORD} (default none; AUTH-01).
     */
    public static final String USER_PROPERTY = "anvilcheck.wire.user";

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
     * @param userEmail the test account's email, or {@code null}
     * @param userPassword its password, {@code null} exactly when the email is
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
        if ((userEmail == null) != (userPassword == null)) {
            throw new IllegalArgumentException("a test user account needs both an email and a password");
        }
    }

    /**
     * A target without a test user account.
     *
     * @param uplinkUrl the endpoint
     * @param serverKey the server key
     * @param clientKey the client key
     * @param origin the origin, or {@code null}
     * @param serverZone the zone
     * @param callTimeout the call timeout
     * @param taskRetention the task retention, not negative
     */
    public WireTarget(URI uplinkUrl, String serverKey, String clientKey, URI origin, ZoneId serverZone,
            Duration callTimeout, int taskRetention) {
        this(uplinkUrl, serverKey, clientKey, origin, serverZone, callTimeout, taskRetention, null, null);
    }

    /**
     * This target, started with the test user account {@code email}, {@code password}.
     *
     * @param email the account's email
     * @param password its password
     * @return the target
     */
    public WireTarget withUser(String email, String password) {
        return new WireTarget(uplinkUrl, serverKey, clientKey, origin, serverZone, callTimeout, taskRetention,
                Objects.requireNonNull(email, "email"), Objects.requireNonNull(password, "password"));
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
     * {@value #CALL_TIMEOUT_PROPERTY}, {@value #TASK_RETENTION_PROPERTY} and {@value #USER_PROPERTY} describe.
     *
     * @return the target
     * @throws IllegalStateException naming the missing property when the URL or a key is not set
     */
    public static WireTarget fromSystemProperties() {
        String origin = System.getProperty(ORIGIN_PROPERTY);
        String user = System.getProperty(USER_PROPERTY);
        int colon = user == null ? -1 : user.indexOf(':');
        if (user != null && !user.isBlank() && colon <= 0) {
            throw new IllegalStateException("-D" + USER_PROPERTY + " must be EMAIL:PASSWORD, not '" + user + "'");
        }
        WireTarget target = new WireTarget(URI.create(required(URL_PROPERTY)), required(SERVER_KEY_PROPERTY),
                required(CLIENT_KEY_PROPERTY), origin == null || origin.isBlank() ? null : URI.create(origin),
                ZoneId.of(System.getProperty(ZONE_PROPERTY, "UTC")),
                Duration.ofMillis(Long.parseLong(System.getProperty(CALL_TIMEOUT_PROPERTY, "0"))),
                Integer.parseInt(System.getProperty(TASK_RETENTION_PROPERTY, String.valueOf(APP_SERVER_TASK_RETENTION))));
        return colon > 0 ? target.withUser(user.substring(0, colon), user.substring(colon + 1)) : target;
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
