package dev.anvilcheck.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.CallContext;
import dev.anvilcheck.server.Location;
import dev.anvilcheck.server.Task;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * A simulated caller of server functions: a browser window, an uplink connection, an HTTP
 * client, and so on ({@link CallerKind}). Each caller owns the session its calls run in, as the
 * specification says for its kind (SESS-01, SESS-14, SESS-15). Errors raised by the callee arrive
 * as the exceptions ERR-01..05 give.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface Caller {
    /**
     * The kind of this caller.
     *
     * @return the kind
     */
    CallerKind kind();

    /**
     * Calls a function and waits for its result (CALL-03, CALL-04).
     *
     * @param fnName the registered name
     * @param arguments positional and keyword arguments
     * @return the return value, after it crossed back
     */
    Object call(String fnName, Arguments arguments);

    /**
     * Calls a function with positional arguments, optionally followed by one
     * {@link dev.anvilcheck.server.Kwargs}.
     *
     * @param fnName the registered name
     * @param args the arguments
     * @return the return value
     */
    default Object call(String fnName, Object... args) {
        return call(fnName, Arguments.fromVarargs(args));
    }

    /**
     * Logs {@code user} in on this caller's session; {@code null} logs out.
     *
     * @param user the user value, e.g. a map
     * @return this caller
     */
    Caller user(Object user);

    /**
     * Sets the IP address callees see in {@code context.client.ip} (CTX-12).
     *
     * @param ip the address
     * @return this caller
     */
    Caller ip(String ip);

    /**
     * Sets the location callees see in {@code context.client.location} (CTX-12).
     *
     * @param location the location, or {@code null}
     * @return this caller
     */
    Caller location(Location location);

    /**
     * Sets this caller's time zone, whose offset stamps naive date-times it sends (SER-09).
     *
     * @param zone the zone
     * @return this caller
     */
    Caller zone(ZoneId zone);

    /**
     * This caller's time zone (SER-09).
     *
     * @return the zone
     */
    ZoneId zone();

    /**
     * Stores a value in this caller's committed session, as if an earlier call had.
     *
     * @param key the key
     * @param value the value
     */
    void putSession(String key, Object value);

    /**
     * A copy of this caller's committed session data.
     *
     * @return the session data
     */
    Map<String, Object> sessionData();

    /**
     * The id of this caller's current session.
     *
     * @return the session id
     */
    String sessionId();

    /**
     * Registers a portable class in this caller's environment only, as a module only the client
     * imports (PORT-01, PORT-02): server code does not know the name, so an instance this caller
     * sends is refused there with {@code SerializationError("No such serializable type: ...")}
     * (PORT-08). Needs {@link Feature#PORTABLE_CLASSES}.
     *
     * @param type the class
     * @param name the registered name, or {@code null} for the class's default name
     * @return this caller
     * @throws UnsupportedOperationException without {@link Feature#PORTABLE_CLASSES}
     */
    default Caller registerPortableClass(Class<?> type, String name) {
        throw new UnsupportedOperationException("this runtime does not let the suite register portable classes");
    }

    /**
     * Invokes a {@link dev.anvilcheck.server.ServerMethod} of a portable object as client code
     * does: a call of {@code anvil.server_side/<registered name>.<method>} with the object (for a
     * {@code static} server method, its class) as the first argument (PORT-10). Misuse, a method
     * that is not a server method of a portable class this caller knows, raises
     * {@link dev.anvilcheck.python.RuntimeError} before anything is sent (PORT-11). Needs
     * {@link Feature#PORTABLE_CLASSES}.
     *
     * @param self the object, or a class for a {@code static} server method
     * @param method the method's name
     * @param arguments the remaining arguments
     * @return the method's return value, after it crossed back
     * @throws UnsupportedOperationException without {@link Feature#PORTABLE_CLASSES}
     */
    default Object callServerMethod(Object self, String method, Arguments arguments) {
        throw new UnsupportedOperationException("this runtime does not let callers invoke server methods");
    }

    /**
     * Invokes a server method with positional arguments, optionally followed by one
     * {@link dev.anvilcheck.server.Kwargs}, as {@link #callServerMethod(Object, String, Arguments)}.
     *
     * @param self the object, or a class for a {@code static} server method
     * @param method the method's name
     * @param args the remaining arguments
     * @return the method's return value
     * @throws UnsupportedOperationException without {@link Feature#PORTABLE_CLASSES}
     */
    default Object callServerMethod(Object self, String method, Object... args) {
        return callServerMethod(self, method, Arguments.fromVarargs(args));
    }

    /**
     * The context that this caller's own code sees when no call is in progress: for a browser its
     * client-side context (CTX-11), for a server uplink type {@code uplink} (CTX-01), for a client
     * uplink type {@code client} (CTX-02), each without client, remote caller, task id or stack
     * (CTX-10). Needs {@link Feature#CALLER_CONTEXT}.
     *
     * @return the caller's own context
     * @throws UnsupportedOperationException without {@link Feature#CALLER_CONTEXT}
     */
    default CallContext context() {
        throw new UnsupportedOperationException("this runtime does not report a caller's own context");
    }

    /**
     * Constructs a capability in this caller's own code, outside any call ({@code Capability(scope)},
     * CAP-01, CAP-03): server code and uplinks get the capability; a browser raises
     * {@link dev.anvilcheck.python.RuntimeError} ("Cannot create new Capability objects in Form
     * code."), since capabilities reach a browser only as return values. Needs
     * {@link Feature#CALLER_CONTEXT}.
     *
     * @param scope the capability's scope
     * @return the capability
     * @throws UnsupportedOperationException without {@link Feature#CALLER_CONTEXT}
     */
    default dev.anvilcheck.server.Capability newCapability(java.util.List<?> scope) {
        throw new UnsupportedOperationException("this runtime does not run a caller's own code");
    }

    /**
     * Launches a background task from this caller's own code, outside any call
     * ({@code launch_background_task}, TASK-01, TASK-02): trusted callers (server code, a server
     * uplink, code in a background task) get the task, whose remote caller is this caller's frame
     * (CTX-08); a browser raises {@link dev.anvilcheck.python.RuntimeError} ("Cannot launch
     * Background Tasks from client code."), other untrusted callers
     * {@link dev.anvilcheck.server.BackgroundTaskError}. Needs {@link Feature#BACKGROUND_TASKS}.
     *
     * @param fnName the task name, without the {@code task:} prefix
     * @param arguments the arguments
     * @return the task
     * @throws UnsupportedOperationException without {@link Feature#BACKGROUND_TASKS}
     */
    default Task launchBackgroundTask(String fnName, Arguments arguments) {
        throw new UnsupportedOperationException("this runtime does not let callers launch background tasks");
    }

    /**
     * Launches a background task with positional arguments, optionally followed by one
     * {@link dev.anvilcheck.server.Kwargs} (TASK-01).
     *
     * @param fnName the task name
     * @param args the arguments
     * @return the task
     */
    default Task launchBackgroundTask(String fnName, Object... args) {
        return launchBackgroundTask(fnName, Arguments.fromVarargs(args));
    }

    /**
     * Looks a task up by id from this caller's own code ({@code get_background_task}, TASK-19): a
     * browser raises {@link dev.anvilcheck.python.RuntimeError}, other untrusted callers
     * {@link dev.anvilcheck.server.BackgroundTaskError}. Needs {@link Feature#BACKGROUND_TASKS}.
     *
     * @param id the task id
     * @return the task
     * @throws UnsupportedOperationException without {@link Feature#BACKGROUND_TASKS}
     */
    default Task getBackgroundTask(String id) {
        throw new UnsupportedOperationException("this runtime does not let callers look up background tasks");
    }

    /**
     * Lists the app's tasks from this caller's own code ({@code list_background_tasks}, TASK-20),
     * refused to untrusted callers as {@link #getBackgroundTask(String)} is. Needs
     * {@link Feature#BACKGROUND_TASKS}.
     *
     * @param allEnvironments whether to include other environments' tasks
     * @return the tasks
     * @throws UnsupportedOperationException without {@link Feature#BACKGROUND_TASKS}
     */
    default List<Task> listBackgroundTasks(boolean allEnvironments) {
        throw new UnsupportedOperationException("this runtime does not let callers list background tasks");
    }
}
