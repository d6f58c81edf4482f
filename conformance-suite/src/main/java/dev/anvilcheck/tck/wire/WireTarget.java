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
 * (AUTH-01..05, HTTP-09). A target may also offer the optional anvilcheck control API (serve mode
 * does; docs/CONTROL.md): given its address ({@link #control()}, and an admin token when it needs one),
 * the suite moves the target's fake clock and switches its faults through it
 * ({@code Feature.TIME_CONTROL}, {@code Feature.FAULT_INJECTION}), and uses it for nothing else.
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
 * @param control the address of the target's anvilcheck control API, e.g.
 *     {@code http://127.0.0.1:3030/_/control}, or {@code null}
 * @param adminToken the admin token the control API needs, or {@code null}
 * @since 0.1
 */
public record WireTarget(URI uplinkUrl, String serverKey, String clientKey, URI origin, ZoneId serverZone,
        Duration callTimeout, int taskRetention, String userEmail, String userPassword, URI control,
        String adminToken) {
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
    /** The system property naming the target's anvilcheck control API (default none). */
    public static final String CONTROL_PROPERTY = "anvilcheck.wire.control";
    /**
     * The system property holding the control API's admin token (default: the environment variable
     * {@value #ADMIN_TOKEN_ENV}, which keeps it out of the process list; else none).
     */
    public static final String ADMIN_TOKEN_PROPERTY = "anvilcheck.wire.adminToken";
    /** The environment variable holding the control API's admin token when the property is not set. */
    public static final String ADMIN_TOKEN_ENV = "ANVILCHECK_ADMIN_TOKEN";

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
     * @param control the control API's address, or {@code null}
     * @param adminToken its admin token, or {@code null}
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
        if (adminToken != null && control == null) {
            throw new IllegalArgumentException("an admin token is for the control API: name its address too");
        }
    }

    /**
     * A target without a control API.
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
    public WireTarget(URI uplinkUrl, String serverKey, String clientKey, URI origin, ZoneId serverZone,
            Duration callTimeout, int taskRetention, String userEmail, String userPassword) {
        this(uplinkUrl, serverKey, clientKey, origin, serverZone, callTimeout, taskRetention, userEmail, userPassword,
                null, null);
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
                Objects.requireNonNull(email, "email"), Objects.requireNonNull(password, "password"), control,
                adminToken);
    }

    /**
     * This target, offering the anvilcheck control API at {@code control}: the suite then declares
     * {@code TIME_CONTROL} (the target must run a fake clock; serve mode's {@code --fake-clock}) and
     * {@code FAULT_INJECTION}, and reaches them through that API only.
     *
     * @param control e.g. {@code http://127.0.0.1:3030/_/control}
     * @param adminToken the admin token it needs, or {@code null}
     * @return the target
     */
    public WireTarget withControl(URI control, String adminToken) {
        return new WireTarget(uplinkUrl, serverKey, clientKey, origin, serverZone, callTimeout, taskRetention,
                userEmail, userPassword, Objects.requireNonNull(control, "control"), adminToken);
    }

    /** The target, with its password and admin token left out. */
    @Override
    public String toString() {
        return "WireTarget[uplinkUrl=" + uplinkUrl + ", origin=" + origin + ", serverZone=" + serverZone
                + ", callTimeout=" + callTimeout + ", taskRetention=" + taskRetention + ", userEmail=" + userEmail
                + ", control=" + control + "]";
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
     * {@value #CALL_TIMEOUT_PROPERTY}, {@value #TASK_RETENTION_PROPERTY}, {@value #USER_PROPERTY},
     * {@value #CONTROL_PROPERTY} and {@value #ADMIN_TOKEN_PROPERTY} (or {@value #ADMIN_TOKEN_ENV})
     * describe.
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
        if (colon > 0) {
            target = target.withUser(user.substring(0, colon), user.substring(colon + 1));
        }
        String control = System.getProperty(CONTROL_PROPERTY);
        if (control != null && !control.isBlank()) {
            String token = System.getProperty(ADMIN_TOKEN_PROPERTY);
            if (token == null || token.isBlank()) {
                token = System.getenv(ADMIN_TOKEN_ENV);
            }
            target = target.withControl(URI.create(control), token == null || token.isBlank() ? null : token);
        }
        return target;
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
