package dev.anvilcheck.server;

import static org.apiguardian.api.API.Status.STABLE;

import dev.anvilcheck.server.host.CallScope;
import dev.anvilcheck.server.host.ExceptionTypes;
import dev.anvilcheck.server.host.WireError;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The {@code anvil.server} module for Java server code: one static method per module function,
 * each resolving the call running on the current thread ({@link CallScope#current()}). Write
 * {@code import static dev.anvilcheck.server.AnvilServer.*;} and call {@code call("fn", 1, 2)},
 * {@code context()}, {@code session()} as in Python. Browser-only functions ({@code call_s},
 * {@code reset_session}, {@code is_app_online}, {@code no_loading_indicator}) belong to the
 * simulated browser caller of a runtime, not to this class.
 *
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public final class AnvilServer {
    private static final String NO_CALL = " needs a call in progress: this thread is not running a server function."
            + " Call server functions through a caller of your runtime, e.g. runtime.browser().call(...)";

    private AnvilServer() {}

    private static CallScope scope(String what) {
        CallScope scope = CallScope.current();
        if (scope == null) {
            throw new IllegalStateException("anvil.server." + what + NO_CALL);
        }
        return scope;
    }

    /**
     * Calls the server function registered as {@code fnName}, waits for it and returns its return
     * value, or re-raises its error ({@code anvil.server.call}, CALL-03..15). A trailing
     * {@link Kwargs} argument holds keyword arguments. Arguments and return value cross the call
     * boundary as copies (SER-01..15). The callee runs in this call's session, sees a trusted
     * {@code server_module} caller and the session as last committed (CALL-14, CALL-15).
     *
     * @param fnName the registered name
     * @param args positional arguments, optionally followed by one {@link Kwargs}
     * @return the callee's return value
     * @throws dev.anvilcheck.python.TypeError if {@code fnName} is {@code null} (CALL-02)
     * @throws NoServerFunctionError if no function has that name (CALL-05)
     * @throws IllegalStateException if no call is in progress on this thread
     */
    public static Object call(String fnName, Object... args) {
        if (fnName == null) {
            throw new dev.anvilcheck.python.TypeError("anvil.server.call() needs a function name (str), not None");
        }
        return scope("call()").call(fnName, Arguments.fromVarargs(args));
    }

    /**
     * What triggered the running code ({@code anvil.server.context}, CTX-01..14); outside a call, the
     * idle context of CTX-10.
     *
     * @return the current context
     */
    public static CallContext context() {
        CallScope scope = CallScope.current();
        return scope == null ? CallContext.idle("server_module") : scope.context();
    }

    /**
     * The current session's private storage ({@code anvil.server.session}, SESS-01..08).
     *
     * @return the session
     * @throws IllegalStateException if no call is in progress
     */
    public static Session session() {
        return scope("session").session();
    }

    /**
     * The HTTP request the running endpoint serves ({@code anvil.server.request}, HTTP-20).
     *
     * @return the request
     * @throws IllegalStateException if no call is in progress, or the call is not an HTTP endpoint
     */
    public static HttpRequest request() {
        CallScope scope = CallScope.current();
        if (scope == null) {
            throw new IllegalStateException("anvil.server.request is only available in http_endpoint calls.");
        }
        return scope.request();
    }

    /**
     * {@code anvil.server.startup_data} as server code sees it: never available (MISC-03). In the
     * browser it is the data of the {@link AppResponder} that served the page; simulated browsers
     * of a runtime report it.
     *
     * @return never returns
     * @throws dev.anvilcheck.python.RuntimeError always, with the platform's message
     */
    public static Object startupData() {
        throw new dev.anvilcheck.python.RuntimeError("anvil.server.startup_data is only available on the client");
    }

    /**
     * The current session's id, persisting the session ({@code get_session_id()}, SESS-09).
     *
     * @return the session id
     */
    public static String getSessionId() {
        return scope("get_session_id()").getSessionId();
    }

    /**
     * The app's origin in the current environment ({@code get_app_origin()}, MISC-01).
     *
     * @return the origin, e.g. {@code http://127.0.0.1:3030}
     */
    public static String getAppOrigin() {
        return scope("get_app_origin()").getAppOrigin(null);
    }

    /**
     * The app's origin in the named environment ({@code get_app_origin('published')}, MISC-01).
     *
     * @param environment the environment, e.g. {@code "published"}
     * @return the origin
     */
    public static String getAppOrigin(String environment) {
        return scope("get_app_origin()").getAppOrigin(environment);
    }

    /**
     * The app's API origin, {@code getAppOrigin() + "/_/api"} ({@code get_api_origin()}, HTTP-02).
     *
     * @return the API origin
     */
    public static String getApiOrigin() {
        return getAppOrigin() + "/_/api";
    }

    /**
     * The API origin of the named environment (HTTP-02).
     *
     * @param environment the environment, e.g. {@code "published"}
     * @return the API origin
     */
    public static String getApiOrigin(String environment) {
        return getAppOrigin(environment) + "/_/api";
    }

    /**
     * Checks a capability against a pattern and returns its scope elements
     * ({@code unwrap_capability(cap, pattern)}, CAP-10..14): the result has the pattern's length,
     * with {@code null} past the end of a broader capability's scope; {@link Capability#ANY}
     * matches any element.
     *
     * @param capability the capability received
     * @param pattern the expected scope
     * @return the scope elements, padded with {@code null}
     * @throws dev.anvilcheck.python.TypeError if {@code capability} is not a Capability or
     *     {@code pattern} is {@code null} (CAP-10)
     * @throws dev.anvilcheck.python.ValueError if the capability is too narrow or does not match
     *     (CAP-11, CAP-12)
     */
    public static List<Object> unwrapCapability(Object capability, List<?> pattern) {
        return Capability.unwrap(capability, pattern);
    }

    /**
     * Makes every capability previously issued to this session invalid
     * ({@code invalidate_client_objects()}, CAP-16).
     */
    public static void invalidateClientObjects() {
        scope("invalidate_client_objects()").invalidateClientObjects();
    }

    /**
     * Launches a background task and returns its handle at once, without waiting for it
     * ({@code launch_background_task(fn_name, *args, **kwargs)}, TASK-01). The function registered
     * as {@code task:<fnName>} (with {@link BackgroundTask}) runs in a fresh session, with nobody
     * logged in, and sees this code's frame as its remote caller (SESS-14, AUTH-05, CTX-08). The
     * arguments cross as a call's do (CALL-03, CALL-20), Media included, before this method returns
     * (TASK-04). An unknown name still returns a task, which fails with
     * {@link NoServerFunctionError} (TASK-03). Only trusted code may launch tasks: server code,
     * server uplinks and background tasks (TASK-02).
     *
     * @param fnName the task's name, without the {@code task:} prefix
     * @param args positional arguments, optionally followed by one {@link Kwargs}
     * @return the task
     * @throws dev.anvilcheck.python.TypeError if {@code fnName} is {@code null}
     * @throws SerializationError if an argument cannot cross (CALL-20)
     * @throws IllegalStateException if no call is in progress on this thread
     */
    public static Task launchBackgroundTask(String fnName, Object... args) {
        if (fnName == null) {
            throw new dev.anvilcheck.python.TypeError(
                    "anvil.server.launch_background_task() needs a function name (str), not None");
        }
        return scope("launch_background_task()").launchBackgroundTask(fnName, Arguments.fromVarargs(args));
    }

    /**
     * The task with the given id ({@code get_background_task(id)}, TASK-19).
     *
     * @param id the task's id, as {@link Task#getId()} or {@code context.backgroundTaskId} give it
     * @return the task
     * @throws BackgroundTaskNotFound if no task has that id ("Background Task not found: &lt;id&gt;")
     * @throws IllegalStateException if no call is in progress on this thread
     */
    public static Task getBackgroundTask(String id) {
        return scope("get_background_task()").getBackgroundTask(id);
    }

    /**
     * The background tasks of this environment, running and finished, as far as the runtime keeps
     * finished ones ({@code list_background_tasks()}, TASK-20, TASK-25).
     *
     * @return the tasks
     * @throws IllegalStateException if no call is in progress on this thread
     */
    public static List<Task> listBackgroundTasks() {
        return listBackgroundTasks(false);
    }

    /**
     * The background tasks of this environment, or of every environment of the app
     * ({@code list_background_tasks(all_environments)}, TASK-20).
     *
     * @param allEnvironments whether to include other environments' tasks
     * @return the tasks
     * @throws IllegalStateException if no call is in progress on this thread
     */
    public static List<Task> listBackgroundTasks(boolean allEnvironments) {
        return scope("list_background_tasks()").listBackgroundTasks(allEnvironments);
    }

    /**
     * The running background task's progress data ({@code anvil.server.task_state}, TASK-05):
     * inside a task's own function, a dictionary that starts empty and that
     * {@link Task#getState()} shows while the task runs. Everywhere else, including functions a
     * task calls with {@link #call(String, Object...)} (which run as separate calls, as on the
     * platform), a guard whose every read and write raises {@link IllegalStateException}
     * ("Cannot access anvil.server.task_state outside a background task", TASK-06).
     *
     * @return the task state, or the guard
     */
    public static TaskState taskState() {
        CallScope scope = CallScope.current();
        return scope == null ? TaskState.outsideTask("server_module") : scope.taskState();
    }

    /**
     * The browser cookies of the current session ({@code anvil.server.cookies}, SESS-16, SESS-17):
     * {@code cookies().local().get("k")} is Python's {@code anvil.server.cookies.local["k"]}. Outside
     * a session a browser started, every jar operation raises {@link CookieError}.
     *
     * @return the cookies
     * @throws IllegalStateException if no call is in progress
     */
    public static Cookies cookies() {
        return scope("cookies").cookies();
    }

    /**
     * Sends an event without a payload to the current session's browser
     * ({@code raise_event(name)}, MISC-05; optional, Q-15).
     *
     * @param name the event name
     */
    public static void raiseEvent(String name) {
        raiseEvent(name, null, EventTarget.currentSession());
    }

    /**
     * Sends an event to the current session's browser ({@code raise_event(name, payload)},
     * MISC-05; optional, Q-15).
     *
     * @param name the event name
     * @param payload the payload, a value that can cross the wire, or {@code null}
     * @throws SerializationError if the payload cannot cross the wire
     */
    public static void raiseEvent(String name, Object payload) {
        raiseEvent(name, payload, EventTarget.currentSession());
    }

    /**
     * Sends an event to the browsers of the target sessions ({@code raise_event(name, payload,
     * session_id=..., session_ids=..., channel=...)}, MISC-05; optional, Q-15).
     *
     * @param name the event name
     * @param payload the payload, a value that can cross the wire, or {@code null}
     * @param target the sessions, e.g. {@link EventTarget#channel(String)}
     * @throws dev.anvilcheck.python.TypeError if {@code name} is {@code null}
     * @throws SerializationError if the payload cannot cross the wire
     */
    public static void raiseEvent(String name, Object payload, EventTarget target) {
        if (name == null) {
            throw new dev.anvilcheck.python.TypeError("raise_event() needs an event name (str), not None");
        }
        scope("raise_event()").events().raiseEvent(name, payload,
                target == null ? EventTarget.currentSession() : target);
    }

    /**
     * The ids of the app's live sessions ({@code list_client_sessions()}; optional, Q-15).
     *
     * @return the session ids
     */
    public static List<String> listClientSessions() {
        return listClientSessions(null);
    }

    /**
     * The ids of the live sessions where {@code user} is logged in
     * ({@code list_client_sessions(user)}; optional, Q-15).
     *
     * @param user the user, or {@code null} for every session
     * @return the session ids
     */
    public static List<String> listClientSessions(Object user) {
        return scope("list_client_sessions()").events().listClientSessions(user);
    }

    /**
     * Another session's {@code anvil.server.session} data ({@code get_client_session(session_id)};
     * optional, Q-15).
     *
     * @param sessionId the session id
     * @return a copy of its committed data, or {@code null} if there is no such live session
     */
    public static java.util.Map<String, Object> getClientSession(String sessionId) {
        return scope("get_client_session()").events().getClientSession(sessionId);
    }

    /**
     * Subscribes the current session to a channel, so that events raised with
     * {@link EventTarget#channel(String)} reach its browser ({@code subscribe(channel)}, MISC-05;
     * optional, Q-15).
     *
     * @param channel the channel
     */
    public static void subscribe(String channel) {
        scope("subscribe()").events().subscribe(channel);
    }

    /**
     * Unsubscribes the current session from a channel ({@code unsubscribe(channel)}; optional,
     *
     *
     * @param channel the channel
     */
    public static void unsubscribe(String channel) {
        scope("unsubscribe()").events().unsubscribe(channel);
    }

    /**
     * The current session's channel subscriptions ({@code get_subscriptions()}; optional, Q-15).
     *
     * @return the channels
     */
    public static List<String> getSubscriptions() {
        return scope("get_subscriptions()").events().getSubscriptions();
    }

    /**
     * Registers an application error type so that it crosses the wire as itself
     * ({@code _register_exception_type(name, cls)}, ERR-05), process-wide: a Java class and its
     * static initializer are shared by every environment in the JVM, as a Python class is by
     * everything in its interpreter, so every environment inherits the registration. Both sides of
     * a call must know the name for the error to arrive as itself; to register for one
     * environment only, a runtime offers its own registries (the reference runtime's
     * {@code exceptionTypes()} of the runtime and of each simulated caller).
     *
     * @param name the wire type name, e.g. {@code "myapp.InvoiceError"}
     * @param type the class, with a public {@code (String)} or {@code (WireError)} constructor
     * @throws dev.anvilcheck.python.TypeError if the class cannot be instantiated that way
     */
    public static void registerExceptionType(String name, Class<? extends AnvilWrappedError> type) {
        ExceptionTypes.global().register(name, type);
    }

    /**
     * Registers a portable class under its default name, process-wide
     * ({@code anvil.server.portable_class(cls)}, PORT-01, PORT-02): its {@link PortableClass}
     * name if annotated with one, else its binary name ({@link Class#getName()}), Python's
     * {@code module.ClassName}. Like Python's, the registry ({@link PortableClasses#global()}) is
     * global to the process; every environment that sends or receives the class must know it.
     * An annotated class needs no call: the annotation registers it.
     *
     * @param type the class
     * @param <T> the class's type
     * @return {@code type} itself, as the Python decorator returns the class
     * @throws dev.anvilcheck.python.TypeError if the class cannot be portable (see
     *     {@link PortableClasses#register(Class)})
     */
    public static <T> Class<T> registerPortableClass(Class<T> type) {
        return PortableClasses.global().register(type);
    }

    /**
     * Registers a portable class under {@code name}, process-wide
     * ({@code anvil.server.portable_class(cls, name)}, PORT-01): instances and the class object
     * cross by value, and a receiver finds the class by this name.
     *
     * @param type the class
     * @param name the registered name
     * @param <T> the class's type
     * @return {@code type} itself
     * @throws dev.anvilcheck.python.TypeError if {@code name} is {@code null} (Python: not a
     *     {@code str}) or the class cannot be portable
     * @throws dev.anvilcheck.python.ValueError if {@code name} is empty
     */
    public static <T> Class<T> registerPortableClass(Class<T> type, String name) {
        return PortableClasses.global().register(type, name);
    }
}
