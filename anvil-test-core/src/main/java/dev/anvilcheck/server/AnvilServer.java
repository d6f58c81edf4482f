package dev.anvilcheck.server;

import java.util.List;

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
     * Registers an application error type so that it crosses the wire as itself
     * ({@code _register_exception_type(name, cls)}, ERR-05). Like Python's, the registry is global
     * to the process; both sides of a call must register the same name.
     *
     * @param name the wire type name, e.g. {@code "myapp.InvoiceError"}
     * @param type the class, with a public {@code (String)} or {@code (WireError)} constructor
     * @throws dev.anvilcheck.python.TypeError if the class cannot be instantiated that way
     */
    public static void registerExceptionType(String name, Class<? extends AnvilWrappedError> type) {
        ExceptionTypes.register(name, type);
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
