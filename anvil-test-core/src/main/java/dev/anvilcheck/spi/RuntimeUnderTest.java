package dev.anvilcheck.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.anvilcheck.server.Endpoint;
import dev.anvilcheck.server.RequireUser;
import dev.anvilcheck.server.ServerFunction;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import org.apiguardian.api.API;

/**
 * One running instance of the runtime under certification: probe functions are registered into
 * it as server code, and simulated callers call them. Started by {@link RuntimeProvider#start()},
 * closed after each test.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface RuntimeUnderTest extends AutoCloseable {
    /**
     * Registers a server-module function, callable by name (CALL-24, AUTH-01..04).
     *
     * @param name the name
     * @param requireUser who may call it
     * @param body the function
     */
    void register(String name, RequireUser requireUser, ServerFunction body);

    /**
     * Registers a server module as an app declares one: each method annotated
     * {@link dev.anvilcheck.server.Callable} becomes a server function, named after the method
     * unless the annotation names it (CALL-24), and no other method of the module is callable by
     * name (CALL-06); its methods annotated {@link dev.anvilcheck.server.HttpEndpoint} or
     * {@link dev.anvilcheck.server.Route} are served as those decorators serve them (HTTP-01). The
     * module is an instance (its instance and static methods) or a {@link Class} (its static
     * methods).
     *
     * @param module the module
     */
    void registerModule(Object module);

    /**
     * Registers a server-module function anybody may call.
     *
     * @param name the name
     * @param body the function
     */
    default void register(String name, ServerFunction body) {
        register(name, RequireUser.none(), body);
    }

    /**
     * Registers a portable class as a module both server code and client code import (PORT-01,
     * PORT-02): server code and every caller know it under {@code name}, and its
     * {@link dev.anvilcheck.server.ServerMethod}s become server functions named
     * {@code anvil.server_side/<name>.<method>} (PORT-10). Needs {@link Feature#PORTABLE_CLASSES}.
     *
     * @param type the class
     * @param name the registered name, or {@code null} for the class's default name
     * @throws UnsupportedOperationException without {@link Feature#PORTABLE_CLASSES}
     */
    default void registerPortableClass(Class<?> type, String name) {
        throw new UnsupportedOperationException("this runtime does not let the suite register portable classes");
    }

    /**
     * Registers a background task's function as server code under {@code task:<name>}
     * ({@code @anvil.server.background_task}, TASK-01, CALL-12). Needs
     * {@link Feature#BACKGROUND_TASKS}.
     *
     * @param name the task name, without the {@code task:} prefix
     * @param body the function
     * @throws UnsupportedOperationException without {@link Feature#BACKGROUND_TASKS}
     */
    default void registerBackgroundTask(String name, ServerFunction body) {
        throw new UnsupportedOperationException("this runtime does not let the suite register background tasks");
    }

    /**
     * How the suite waits for background tasks and, where declared, runs them or injects their
     * faults. Needs {@link Feature#BACKGROUND_TASKS}.
     *
     * @return the task control
     * @throws UnsupportedOperationException without {@link Feature#BACKGROUND_TASKS}
     */
    default TaskControl tasks() {
        throw new UnsupportedOperationException("this runtime does not let the suite control background tasks");
    }

    /**
     * A new caller of the given kind, with a session of its own.
     *
     * @param kind the kind
     * @return the caller
     */
    Caller caller(CallerKind kind);

    /**
     * A new simulated browser window with a session of its own (SESS-01).
     *
     * @return the browser
     */
    default BrowserCaller browser() {
        return (BrowserCaller) caller(CallerKind.BROWSER);
    }

    /**
     * A new server-key uplink connection that may register functions.
     *
     * @return the uplink
     * @throws UnsupportedOperationException without {@link Feature#UPLINK_FUNCTIONS}
     */
    default UplinkCaller uplink() {
        throw new UnsupportedOperationException("this runtime does not simulate uplinks that provide functions");
    }

    /**
     * The time zone of server code, whose offset stamps naive date-times it sends (SER-09).
     *
     * @return the zone
     */
    ZoneId serverZone();

    /**
     * The per-call time limit (ERR-06), 30 seconds unless configured.
     *
     * @return the limit
     */
    Duration callTimeout();

    /**
     * The runtime's clock.
     *
     * @return the clock control
     * @throws UnsupportedOperationException without {@link Feature#TIME_CONTROL}
     */
    default TimeControl time() {
        throw new UnsupportedOperationException("this runtime does not let the suite control time");
    }

    /**
     * The fault switches.
     *
     * @return the switches
     * @throws UnsupportedOperationException without {@link Feature#FAULT_INJECTION}
     */
    default Faults faults() {
        throw new UnsupportedOperationException("this runtime does not let the suite inject faults");
    }

    /**
     * Registers an HTTP endpoint ({@code @http_endpoint}, {@code @route}, {@code @wellknown_endpoint};
     * HTTP-01..09). Its body receives the path, query and form parameters as keyword arguments
     * (HTTP-05) and returns the response (HTTP-11..15). Needs {@link Feature#HTTP_ENDPOINTS}.
     *
     * @param endpoint the path and options
     * @param body the function
     * @throws UnsupportedOperationException without {@link Feature#HTTP_ENDPOINTS}
     */
    default void registerEndpoint(Endpoint endpoint, ServerFunction body) {
        throw new UnsupportedOperationException("this runtime does not serve HTTP endpoints");
    }

    /**
     * Sends HTTP requests to the app in memory, without a socket. Needs
     * {@link Feature#HTTP_ENDPOINTS}.
     *
     * @return the sender
     * @throws UnsupportedOperationException without {@link Feature#HTTP_ENDPOINTS}
     */
    default HttpSender http() {
        throw new UnsupportedOperationException("this runtime does not serve HTTP endpoints");
    }

    /**
     * Starts serving the app over HTTP on the loopback interface, on a free port, if not already;
     * from then on {@code get_app_origin()} returns that origin (MISC-01). {@link #close()} stops it.
     * Needs {@link Feature#HTTP_LOOPBACK}.
     *
     * @return the app origin, e.g. {@code http://127.0.0.1:41234}
     * @throws UnsupportedOperationException without {@link Feature#HTTP_LOOPBACK}
     */
    default URI listen() {
        throw new UnsupportedOperationException("this runtime does not serve HTTP on a socket");
    }

    /**
     * Where the runtime accepts real Uplink connections, listening first if it does not yet, and
     * the server and client keys it accepts there; {@link #close()} stops the listener. The UPL
     * clause tests connect uplinks of their own to it (UPL-02..10, UPL-12). Needs
     * {@link Feature#UPLINK_WIRE}.
     *
     * @return the endpoint and its keys
     * @throws UnsupportedOperationException without {@link Feature#UPLINK_WIRE}
     */
    default UplinkEndpoint uplinkEndpoint() {
        throw new UnsupportedOperationException("this runtime does not accept uplink connections");
    }

    /**
     * Adds a user account that {@code authenticate_users} endpoints log in with HTTP Basic
     * credentials (HTTP-09). Needs {@link Feature#USER_ACCOUNTS}.
     *
     * @param email the email, the Basic user name
     * @param password the password
     * @param user the user value that {@code request.user} and {@code get_user()} then give
     * @throws UnsupportedOperationException without {@link Feature#USER_ACCOUNTS}
     */
    default void addUser(String email, String password, Object user) {
        throw new UnsupportedOperationException("this runtime does not keep user accounts");
    }

    /** Stops the runtime; no thread or socket it started is left behind. */
    @Override
    void close();
}
