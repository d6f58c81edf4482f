package dev.anvilcheck.interop.probe;

import static dev.anvilcheck.server.AnvilServer.call;
import static dev.anvilcheck.server.AnvilServer.context;
import static dev.anvilcheck.server.AnvilServer.session;

import dev.anvilcheck.media.BlobMedia;
import dev.anvilcheck.media.Media;
import dev.anvilcheck.python.KeyError;
import dev.anvilcheck.python.RuntimeError;
import dev.anvilcheck.python.TypeError;
import dev.anvilcheck.python.ValueError;
import dev.anvilcheck.server.AnvilServer;
import dev.anvilcheck.server.AnvilWrappedError;
import dev.anvilcheck.server.BackgroundTask;
import dev.anvilcheck.server.BackgroundTaskError;
import dev.anvilcheck.server.BackgroundTaskKilled;
import dev.anvilcheck.server.BackgroundTaskNotFound;
import dev.anvilcheck.server.CallContext;
import dev.anvilcheck.server.Callable;
import dev.anvilcheck.server.Capability;
import dev.anvilcheck.server.CookieError;
import dev.anvilcheck.server.ExecutionTerminatedError;
import dev.anvilcheck.server.InternalError;
import dev.anvilcheck.server.NoServerFunctionError;
import dev.anvilcheck.server.PermissionDenied;
import dev.anvilcheck.server.QuotaExceededError;
import dev.anvilcheck.server.SerializationError;
import dev.anvilcheck.server.StackFrame;
import dev.anvilcheck.server.Task;
import dev.anvilcheck.server.TimeoutError;
import dev.anvilcheck.server.UplinkDisconnectedError;
import dev.anvilcheck.server.VarKeyword;
import dev.anvilcheck.users.AuthenticationFailed;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The server module of the interop harness, loaded by serve mode with {@code --module}: small
 * probe functions that tell the harness what the app received and that make the app send
 * something back, so that one scenario played by the Python client and by the Java client yields
 * comparable outcomes. Each function is named as both clients call it ({@code describe},
 * {@code context_info}, {@code relay}, ...); values it reports are {@link Describe typed
 * descriptions} naming the Java class serve mode made of what arrived. It registers the portable
 * class {@link Point} and the error type {@link ProbeError} when it is instantiated, as an app's
 * server module registers them when it is imported.
 *
 * @since 0.1
 */
public final class Probes {
    /** The string a pattern holds where {@code unwrap_cap} puts {@link Capability#ANY}. */
    public static final String ANY = "<ANY>";

    /**
     * Registers {@link Point} and {@link ProbeError} under the names both clients use.
     */
    public Probes() {
        AnvilServer.registerPortableClass(Point.class, Point.NAME);
        AnvilServer.registerExceptionType(ProbeError.NAME, ProbeError.class);
    }

    /**
     * Returns {@code value} unchanged (CALL-04, SER-*): what arrived goes back.
     *
     * @param value anything
     * @return the same value
     */
    @Callable("echo")
    public Object echo(Object value) {
        return value;
    }

    /**
     * The typed description of {@code value} as serve mode received it, Java classes included.
     *
     * @param value anything
     * @return its description
     */
    @Callable("describe")
    public Map<String, Object> describe(Object value) {
        return Describe.value(value, true);
    }

    /**
     * Describes the positional and keyword arguments of a call (CALL-03).
     *
     * @param a the first positional argument
     * @param b the second positional argument
     * @param kwargs every other keyword argument
     * @return {@code {"a": ..., "b": ..., "kwargs": {...}}}, each typed
     */
    @Callable("describe_call")
    public Map<String, Object> describeCall(Object a, Object b, @VarKeyword Map<String, Object> kwargs) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("a", Describe.value(a, true));
        out.put("b", Describe.value(b, true));
        out.put("kwargs", Describe.value(kwargs, true));
        return out;
    }

    /**
     * A public method that is not {@code @Callable}: calling it by name must fail (CALL-06).
     *
     * @return never reached over the wire
     */
    public String helper() {
        return "not callable";
    }

    /**
     * The server module's version of a name an uplink also provides (CALL-07): the uplink's
     * should win.
     *
     * @return {@code "server module"}
     */
    @Callable("shadowed")
    public String shadowed() {
        return "server module";
    }

    /**
     * What the app's server code sees of its caller (CTX-01, CTX-05, CTX-06, CTX-09, CTX-13).
     *
     * @return the context, described
     */
    @Callable("context_info")
    public Map<String, Object> contextInfo() {
        return contextOf(context());
    }

    /**
     * A context described as the Python script describes {@code anvil.server.context}.
     *
     * @param c the context
     * @return type, client type, remote caller, task id presence, call stack
     */
    public static Map<String, Object> contextOf(CallContext c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", c.type());
        out.put("client_type", c.client() == null ? null : c.client().type());
        out.put("remote_caller", frame(c.remoteCaller()));
        out.put("has_background_task_id", c.backgroundTaskId() != null);
        List<Object> stack = new ArrayList<>();
        for (StackFrame f : c.callStack()) {
            stack.add(frame(f));
        }
        out.put("call_stack", stack);
        return out;
    }

    private static Map<String, Object> frame(StackFrame f) {
        if (f == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", f.type());
        out.put("is_trusted", f.isTrusted());
        return out;
    }

    /**
     * The id of the session this call runs in, as server code sees it (SESS-09, SESS-15).
     *
     * @return the session id
     */
    @Callable("session_id")
    public String sessionId() {
        return AnvilServer.getSessionId();
    }

    /**
     * Stores {@code value} under {@code key} in the session (SESS-02, SESS-15).
     *
     * @param key the key
     * @param value the value
     */
    @Callable("session_put")
    public void sessionPut(String key, Object value) {
        session().put(key, value);
    }

    /**
     * The session's value under {@code key}, described, and whether the key is there.
     *
     * @param key the key
     * @return {@code {"present": bool, "value": typed}}
     */
    @Callable("session_get")
    public Map<String, Object> sessionGet(String key) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("present", session().containsKey(key));
        out.put("value", Describe.value(session().get(key), true));
        return out;
    }

    /**
     * Stores a value, then fails: the write must be discarded (SESS-07).
     *
     * @param key the key
     * @param value the value
     */
    @Callable("session_put_then_fail")
    public void sessionPutThenFail(String key, Object value) {
        session().put(key, value);
        throw new ValueError("failed after writing the session");
    }

    /** Stores an in-memory Media in the session: the call must fail at return (SESS-04). */
    @Callable("session_store_media")
    public void sessionStoreMedia() {
        session().put("media", new BlobMedia("text/plain", new byte[] {1, 2, 3}, "m.txt"));
    }

    /**
     * Reads a cookie in this call's session: an uplink's session is not a browser's (SESS-17).
     *
     * @return the cookie's value
     */
    @Callable("cookie_get")
    public Object cookieGet() {
        return AnvilServer.cookies().local().get("interop");
    }

    /**
     * Issues a capability for {@code scope} (CAP-01, CAP-06).
     *
     * @param scope the scope
     * @return the capability
     */
    @Callable("issue_cap")
    public Capability issueCap(List<Object> scope) {
        return new Capability(scope);
    }

    /**
     * The scope of a capability handed back, described (CAP-04, CAP-06, CAP-08).
     *
     * @param cap the capability
     * @return its scope, typed
     */
    @Callable("cap_scope")
    public Map<String, Object> capScope(Object cap) {
        if (!(cap instanceof Capability c)) {
            return Describe.value(cap, true);
        }
        return Describe.value(c.scope(), true);
    }

    /**
     * {@code unwrap_capability(cap, pattern)} with {@link #ANY} standing for {@code Capability.ANY}
     * (CAP-10..13).
     *
     * @param cap the capability
     * @param pattern the pattern
     * @return the unwrapped values
     */
    @Callable("unwrap_cap")
    public List<Object> unwrapCap(Object cap, List<Object> pattern) {
        List<Object> p = new ArrayList<>();
        for (Object item : pattern) {
            p.add(ANY.equals(item) ? Capability.ANY : item);
        }
        return AnvilServer.unwrapCapability(cap, p);
    }

    /**
     * Sends each of {@code updates} on a capability the caller passed in: they must reach the
     * caller's update handler when this returns, merged as CAP-17 says (CAP-18).
     *
     * @param cap the caller's capability
     * @param updates the updates to send
     */
    @Callable("cap_send_updates")
    public void capSendUpdates(Capability cap, List<Object> updates) {
        for (Object u : updates) {
            cap.sendUpdate(u);
        }
    }

    /**
     * Calls {@code fn} (a function an uplink provides) with {@code arg} and returns its result
     * (server code calling an uplink: CALL-07, CALL-14, UPL-08).
     *
     * @param fn the function's name
     * @param arg its argument
     * @return its result
     */
    @Callable("relay")
    public Object relay(String fn, Object arg) {
        return call(fn, arg);
    }

    /**
     * Calls {@code fn} with {@code arg} and describes what came back, the error included: how
     * server code receives what an uplink returned or raised (ERR-01, ERR-02, SER-*).
     *
     * @param fn the function's name
     * @param arg its argument
     * @return {@code {"result": typed}} or {@code {"raised": typed error}}
     */
    @Callable("relay_describe")
    public Map<String, Object> relayDescribe(String fn, Object arg) {
        Map<String, Object> out = new LinkedHashMap<>();
        try {
            out.put("result", Describe.value(call(fn, arg), true));
        } catch (RuntimeException e) {
            out.put("raised", Describe.value(e, true));
        }
        return out;
    }

    /**
     * Calls the uplink function {@code fn} with positional and keyword arguments (CALL-03, server
     * code to an uplink): {@code fn(1, "two", k=2.5, when=2024-02-29)}.
     *
     * @param fn the uplink's function
     * @return its result
     */
    @Callable("relay_kwargs")
    public Object relayKwargs(String fn) {
        return call(fn, 1L, "two", dev.anvilcheck.server.Kwargs.kw("k", 2.5).and("when", LocalDate.of(2024, 2, 29)));
    }

    /**
     * Calls the uplink function {@code fn} with values server code makes, which the uplink must
     * decode exactly (SER-05..09 in an incoming call): a big integer, 64-bit extremes, NaN, -0.0, an
     * aware and a naive date-time, a date and an astral character.
     *
     * @param fn the uplink's function
     * @return its result
     */
    @Callable("relay_values")
    public Object relayValues(String fn) {
        List<Object> values = new ArrayList<>();
        values.add(java.math.BigInteger.TWO.pow(65));
        values.add(Long.MIN_VALUE);
        values.add(Double.NaN);
        values.add(-0.0);
        values.add(OffsetDateTime.of(2024, 2, 29, 13, 45, 6, 123456000, ZoneOffset.ofHoursMinutes(-3, -30)));
        values.add(LocalDateTime.of(2024, 2, 29, 13, 45, 6));
        values.add(LocalDate.of(2024, 2, 29));
        values.add("\uD83D\uDE00");
        return call(fn, values);
    }

    /**
     * A naive date-time made by server code, which serve mode stamps with its own offset (SER-09).
     *
     * @return 2024-02-29 13:45:06, naive
     */
    @Callable("make_naive")
    public LocalDateTime makeNaive() {
        return LocalDateTime.of(2024, 2, 29, 13, 45, 6);
    }

    /**
     * Issues a capability, narrows it, passes it to the uplink function {@code fn}, and reports
     * what {@code fn} returned and which updates came back to this capability (CAP-06 and CAP-18,
     * server to uplink).
     *
     * @param fn the uplink's function
     * @param scope the issued scope
     * @param narrow the narrowing suffix
     * @return {@code {"result": typed, "updates": typed list}}
     */
    @Callable("relay_cap")
    public Map<String, Object> relayCap(String fn, List<Object> scope, List<Object> narrow) {
        Capability cap = new Capability(scope).narrow(narrow);
        List<Object> updates = new ArrayList<>();
        cap.setUpdateHandler(updates::add);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("result", Describe.value(call(fn, cap), true));
        out.put("updates", Describe.value(updates, true));
        return out;
    }

    /**
     * Makes a Media of {@code length} deterministic bytes ({@link Describe#pattern}) and passes it
     * to the uplink function {@code fn}, returning what it returned (MEDIA-01, MEDIA-02 from
     * server code to an uplink).
     *
     * @param fn the uplink's function
     * @param length the Media's length
     * @param seed varies the content
     * @return the function's result
     */
    @Callable("relay_media")
    public Object relayMedia(String fn, long length, long seed) {
        return call(fn, new BlobMedia("application/octet-stream", Describe.pattern((int) length, (int) seed),
                "relayed.bin"));
    }

    /**
     * A Media of {@code length} deterministic bytes (MEDIA-01, MEDIA-02).
     *
     * @param length how many bytes
     * @param seed varies the content
     * @param name the Media's name
     * @param contentType its content type
     * @return the Media
     */
    @Callable("make_media")
    public Media makeMedia(long length, long seed, String name, String contentType) {
        return new BlobMedia(contentType, Describe.pattern((int) length, (int) seed), name);
    }

    /**
     * Raises the error {@code kind} with {@code message} (ERR-01..05).
     *
     * @param kind the error's Python name, e.g. {@code PermissionDenied}, {@code ValueError}
     * @param message its message
     */
    @Callable("raise_error")
    public void raiseError(String kind, String message) {
        throw error(kind, message);
    }

    /**
     * The error of a Python name, as server code raises it.
     *
     * @param kind the Python name
     * @param message the message
     * @return the error
     */
    public static RuntimeException error(String kind, String message) {
        return switch (kind) {
            case "ValueError" -> new ValueError(message);
            case "KeyError" -> new KeyError(message);
            case "TypeError" -> new TypeError(message);
            case "RuntimeError" -> new RuntimeError(message);
            case "PermissionDenied" -> new PermissionDenied(message);
            case "NoServerFunctionError" -> new NoServerFunctionError(message);
            case "SerializationError" -> new SerializationError(message);
            case "InternalError" -> new InternalError(message);
            case "TimeoutError" -> new TimeoutError(message);
            case "QuotaExceededError" -> new QuotaExceededError(message);
            case "ExecutionTerminatedError" -> new ExecutionTerminatedError(message);
            case "UplinkDisconnectedError" -> new UplinkDisconnectedError(message);
            case "CookieError" -> new CookieError(message);
            case "BackgroundTaskError" -> new BackgroundTaskError(message);
            case "BackgroundTaskNotFound" -> new BackgroundTaskNotFound(message);
            case "BackgroundTaskKilled" -> new BackgroundTaskKilled(message);
            case "AuthenticationFailed" -> new AuthenticationFailed(message);
            case "AnvilWrappedError" -> new AnvilWrappedError(message);
            case "ProbeError" -> new ProbeError(message);
            default -> new IllegalStateException(message);
        };
    }

    /**
     * Returns an object that cannot cross the wire (CALL-21).
     *
     * @return a plain Java object
     */
    @Callable("return_unserialisable")
    public Object returnUnserialisable() {
        return new Object();
    }

    /**
     * A {@link Point} (PORT-01, PORT-03).
     *
     * @param x its x
     * @param y its y
     * @return the point
     */
    @Callable("make_point")
    public Point makePoint(long x, long y) {
        return new Point(x, y);
    }

    /**
     * A portable object of a class no uplink registers (PORT-08).
     *
     * @return an instance of {@link ServerOnly}
     */
    @Callable("make_server_only")
    public ServerOnly makeServerOnly() {
        return new ServerOnly("only the server knows me");
    }

    /**
     * Server code calls the uplink function {@code fn} with {@code depth + 1}, which calls this
     * again: the chain ends in the platform's stack limit (CALL-13).
     *
     * @param fn the uplink function that calls back
     * @param depth how deep the chain is
     * @return never, in practice
     */
    @Callable("bounce")
    public Object bounce(String fn, long depth) {
        return call(fn, depth + 1);
    }

    /**
     * A background task: reports progress in {@code task_state} and returns twice {@code n}
     * (TASK-01, TASK-05, TASK-12, TASK-13).
     *
     * @param n the input
     * @return {@code {"doubled": 2n}}
     */
    @BackgroundTask("probe_task")
    public Map<String, Object> probeTask(long n) {
        AnvilServer.taskState().put("progress", n);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("doubled", n * 2);
        return out;
    }

    /**
     * A background task that fails with {@code ValueError} (TASK-08, TASK-10, TASK-12).
     *
     * @param message the error's message
     */
    @BackgroundTask("probe_failing_task")
    public void probeFailingTask(String message) {
        throw new ValueError(message);
    }

    /**
     * Launches the background task {@code name} from server code, waits for it to end (for at most
     * {@code timeoutMillis}) and describes how it ended: the launch of a task an uplink provides
     * (TASK-01, UPL-05).
     *
     * @param name the task's name
     * @param arg its argument
     * @param timeoutMillis how long to wait
     * @return status, return value and state, described
     * @throws InterruptedException if interrupted while waiting
     */
    @Callable("launch_and_wait")
    public Map<String, Object> launchAndWait(String name, Object arg, long timeoutMillis) throws InterruptedException {
        Task task = AnvilServer.launchBackgroundTask(name, arg);
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (task.getTerminationStatus() == null && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", task.getTerminationStatus());
        out.put("name", task.getTaskName());
        Map<String, Object> result = new LinkedHashMap<>();
        try {
            result.put("result", Describe.value(task.getReturnValue(), true));
        } catch (RuntimeException e) {
            result.put("raised", Describe.value(e, true));
        }
        out.put("return_value", result);
        out.put("state", Describe.value(task.getState(), true));
        return out;
    }
}
