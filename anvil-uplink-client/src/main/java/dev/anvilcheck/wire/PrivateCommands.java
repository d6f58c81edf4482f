package dev.anvilcheck.wire;

/**
 * The names of the platform's own functions that cross the Uplink ({@code anvil.private.*}),
 * spelled once for both ends: the reference runtime's Uplink server answers them, and the Java
 * uplink client calls them (Uplink protocol notes, §1.4 and §3).
 *
 * @since 0.1
 */
public final class PrivateCommands {
    /** The heartbeat: answers its argument (§1.4). */
    public static final String ECHO = "anvil.private.echo";
    /** The app's origin, for {@code anvil.server.get_app_origin} (MISC-01). */
    public static final String GET_APP_ORIGIN = "anvil.private.get_app_origin";
    /** The app's API origin, for {@code anvil.server.get_api_origin} (MISC-01). */
    public static final String GET_API_ORIGIN = "anvil.private.get_api_origin";
    /** The content of a LazyMedia the server sent (MEDIA-04). */
    public static final String FETCH_LAZY_MEDIA = "anvil.private.fetch_lazy_media";
    /** Moves the HTTP call an uplink serves to the browser's session (HTTP-27). */
    public static final String SWITCH_SESSION = "anvil.private.switch_session!";
    /** The id of the call's session, as {@code anvil.server.get_session_id()} asks (SESS-09); server only (AUTH-06). */
    public static final String GET_SESSION_ID = "anvil.private.get_session_id";
    /**
     * Rotates the object secret of the call's session: every Capability, LiveObject and LazyMedia
     * issued to it before is refused from then on (CAP-16); any caller may, uplinks included.
     */
    public static final String INVALIDATE_CLIENT_OBJECTS = "anvil.private.invalidate_client_objects";
    /** A cookie of the call's browser session: {@code [jar, key]}, {@code KeyError} if absent (SESS-16). */
    public static final String GET_COOKIE = "anvil.private.get_cookie";
    /** Stores cookies: {@code [jar, timeout_days]} and the values as keyword arguments (SESS-16). */
    public static final String SET_COOKIE = "anvil.private.set_cookie";
    /** Deletes a cookie: {@code [jar, key]} (SESS-16). */
    public static final String DEL_COOKIE = "anvil.private.del_cookie";
    /** Empties a jar: {@code [jar]} (SESS-16). */
    public static final String CLEAR_COOKIE = "anvil.private.clear_cookie";
    /** Sends a server event: {@code [name, payload]}, kwargs {@code session_id}, {@code session_ids}, {@code channel} (MISC-05). */
    public static final String RAISE_EVENT = "anvil.private.raise_event";
    /** The ids of the environment's sessions, kwarg {@code user} (MISC-05). */
    public static final String LIST_SESSIONS = "anvil.private.list_sessions";
    /** Another session's data: {@code [session_id]} (MISC-05). */
    public static final String GET_SESSION_DATA = "anvil.private.get_session_data";
    /** Subscribes the call's session to a channel: {@code [channel]} (MISC-05). */
    public static final String SUBSCRIBE = "anvil.private.subscribe";
    /** Unsubscribes the call's session from a channel: {@code [channel]} (MISC-05). */
    public static final String UNSUBSCRIBE = "anvil.private.unsubscribe";
    /** The channels the call's session is subscribed to (MISC-05). */
    public static final String GET_SUBSCRIPTIONS = "anvil.private.get_subscriptions";
    /** The logged-in user of the call's session, as {@code anvil.users.get_user()} asks (AUTH-01). */
    public static final String GET_CURRENT_USER = "anvil.private.users.get_current_user";
    /** Logs a user in with email and password, for an endpoint's {@code authenticate_users} (HTTP-09). */
    public static final String LOGIN_WITH_EMAIL = "anvil.private.users.login_with_email";
    /** Logs the call's session out: kwarg {@code invalidate_client_objects} (AUTH-01). */
    public static final String LOGOUT = "anvil.private.users.logout";
    /** The prefix of the background-task functions. */
    public static final String BACKGROUND_TASKS = "anvil.private.background_tasks.";
    /** Launches a background task (TASK-01). */
    public static final String LAUNCH_BACKGROUND_TASK = BACKGROUND_TASKS + "launch";
    /** A task by its id (TASK-19). */
    public static final String GET_BACKGROUND_TASK = BACKGROUND_TASKS + "get_by_id";
    /** The app's tasks (TASK-20). */
    public static final String LIST_BACKGROUND_TASKS = BACKGROUND_TASKS + "list";

    private PrivateCommands() {}
}
