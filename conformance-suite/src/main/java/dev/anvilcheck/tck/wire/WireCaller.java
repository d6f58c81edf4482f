package dev.anvilcheck.tck.wire;

import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.Location;
import dev.anvilcheck.server.PortableClasses;
import dev.anvilcheck.server.ServerFunction;
import dev.anvilcheck.server.ServerMethod;
import dev.anvilcheck.server.Task;
import dev.anvilcheck.spi.BrowserCaller;
import dev.anvilcheck.spi.Caller;
import dev.anvilcheck.spi.CallerKind;
import dev.anvilcheck.spi.UplinkCaller;
import dev.anvilcheck.uplink.Uplink;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * A caller of the runtime under test that reaches it over one uplink connection of its own, so that
 * it has a session of its own (Uplink protocol §3.4; SESS-15): a client-key uplink for untrusted
 * callers, a server-key uplink for trusted ones (UPL-07, UPL-08). Its session is read and seeded
 * through the probe functions {@link WireRuntime} provides, and a user is logged in with the target's
 * test account through the Users service. What a wire cannot carry (an IP address, a location) is
 * refused with {@link UnsupportedOperationException}.
 */
final class WireCaller implements BrowserCaller, UplinkCaller {
    private final WireRuntime runtime;
    private final CallerKind kind;
    private final PortableClasses classes;
    private final BiFunction<ZoneId, PortableClasses, Uplink> connect;
    private ZoneId zone;
    private Uplink uplink;

    WireCaller(WireRuntime runtime, CallerKind kind, ZoneId zone, PortableClasses classes,
            BiFunction<ZoneId, PortableClasses, Uplink> connect) {
        this.runtime = runtime;
        this.kind = kind;
        this.zone = zone;
        this.classes = classes;
        this.connect = connect;
    }

    private synchronized Uplink uplink() {
        if (uplink == null) {
            uplink = connect.apply(zone, classes);
        }
        return uplink;
    }

    @Override
    public CallerKind kind() {
        return kind;
    }

    @Override
    public Object call(String fnName, Arguments arguments) {
        if (fnName == null) {
            throw new IllegalArgumentException("fnName must be a string, not None");
        }
        return uplink().call(fnName, arguments);
    }

    @Override
    public Object callS(String fnName, Arguments arguments) {
        return call(fnName, arguments);
    }

    @Override
    public synchronized void resetSession() {
        if (uplink != null) {
            uplink.close();
            uplink = null;
        }
    }

    @Override
    public boolean isAppOnline() {
        return uplink().isConnected();
    }

    /**
     * Logs this caller's uplink session in or out through the Users service's functions, as
     * {@code anvil.users.login_with_email} and {@code logout} do on an uplink
     * ({@code anvil.private.users.login_with_email}, {@code logout}; AUTH-01): {@code user} must be
     * the user of the test account the target was started with ({@link WireTarget#userEmail()}),
     * named by its {@code "email"}.
     *
     * @throws UnsupportedOperationException if the target has no account for {@code user}
     */
    @Override
    public Caller user(Object user) {
        if (user == null) {
            call(dev.anvilcheck.wire.PrivateCommands.LOGOUT, Arguments.none());
            return this;
        }
        WireTarget target = runtime.target();
        Object email = user instanceof Map<?, ?> m ? m.get("email") : null;
        if (target.userEmail() == null || !target.userEmail().equals(email)) {
            throw new UnsupportedOperationException("the target has no test user account for " + user
                    + ": start it with one (serve mode: --user " + email + ":PASSWORD:role=admin) and name it with -D"
                    + WireTarget.USER_PROPERTY + "=" + email + ":PASSWORD");
        }
        call(dev.anvilcheck.wire.PrivateCommands.LOGIN_WITH_EMAIL, Arguments.fromVarargs(target.userEmail(),
                target.userPassword(), dev.anvilcheck.server.Kwargs.kw("remember", false)));
        return this;
    }

    /**
     * What this caller's uplink code sees outside any call, as the uplink library gives it: type
     * {@code uplink} for a server key, {@code client} for a client key, nothing else (CTX-01, CTX-02,
     * CTX-10).
     */
    @Override
    public dev.anvilcheck.server.CallContext context() {
        try (dev.anvilcheck.server.host.CallScope.Binding top = uplink().bind()) {
            return dev.anvilcheck.server.AnvilServer.context();
        }
    }

    /**
     * Registers the class in this caller's uplink process only, as a module only it imports
     * (PORT-01, PORT-02): its uplink's codec sends and receives the class under {@code name}, and
     * the suite's functions, which do not know the name, refuse it with
     * {@code SerializationError("No such serializable type: ...")} (PORT-08). It stays registered
     * across {@link #resetSession()}, which reconnects the same process.
     *
     * @throws dev.anvilcheck.python.TypeError if the class cannot be portable
     */
    @Override
    public Caller registerPortableClass(Class<?> type, String name) {
        classes.register(type, name == null ? PortableClasses.defaultName(type) : name);
        return this;
    }

    /**
     * Invokes a server method as the uplink library does (PORT-10): calls
     * {@code anvil.server_side/<name>.<method>} over this caller's uplink with {@code self} (for a
     * {@code static} method, its class) as the first argument; the name is the one this caller's
     * process knows the declaring class by.
     *
     * @throws dev.anvilcheck.python.RuntimeError before anything is sent, if the method is not a
     *     server method of a portable class this caller knows (PORT-11)
     */
    @Override
    public Object callServerMethod(Object self, String method, Arguments arguments) {
        Objects.requireNonNull(self, "self");
        Objects.requireNonNull(arguments, "arguments");
        Class<?> type = self instanceof Class<?> k ? k : self.getClass();
        String fnName = classes.serverMethodName(type, method);
        List<Object> args = new ArrayList<>(arguments.args().size() + 1);
        args.add(self instanceof Class<?> || !isStatic(type, method) ? self : type);
        args.addAll(arguments.args());
        return call(fnName, new Arguments(args, arguments.kwargs()));
    }

    private static boolean isStatic(Class<?> type, String method) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals(method) && m.isAnnotationPresent(ServerMethod.class)) {
                    return Modifier.isStatic(m.getModifiers());
                }
            }
        }
        return false;
    }

    @Override
    public Caller ip(String ip) {
        throw new UnsupportedOperationException("an uplink cannot choose the IP address the runtime sees");
    }

    @Override
    public Caller location(Location location) {
        throw new UnsupportedOperationException("an uplink cannot choose the location the runtime sees");
    }

    /**
     * The zone of this caller's uplink process: the naive date-times it sends are stamped with its
     * offset, as the uplink library stamps them with its process's (SER-09). Set before the first
     * call, since a connected uplink's codec does not change.
     *
     * @throws IllegalStateException once this caller is connected, in another zone
     */
    @Override
    public synchronized Caller zone(ZoneId zone) {
        Objects.requireNonNull(zone, "zone");
        if (uplink != null && !zone.equals(this.zone)) {
            throw new IllegalStateException("set a wire caller's zone before its first call: its uplink is connected"
                    + " in " + this.zone);
        }
        this.zone = zone;
        return this;
    }

    /** The zone this caller's uplink stamps naive date-times with: the target's server zone unless set. */
    @Override
    public synchronized ZoneId zone() {
        return zone;
    }

    @Override
    public void putSession(String key, Object value) {
        call(WireRuntime.SESSION_PUT, Arguments.of(key, value));
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> sessionData() {
        return new LinkedHashMap<>((Map<String, Object>) call(WireRuntime.SESSION_DATA, Arguments.none()));
    }

    @Override
    public String sessionId() {
        return (String) call(WireRuntime.SESSION_ID, Arguments.none());
    }

    @Override
    public void register(String name, ServerFunction body) {
        uplink().register(name, Objects.requireNonNull(body, "body"));
    }

    @Override
    public void registerBackgroundTask(String name, ServerFunction body) {
        uplink().registerBackgroundTask(name, body);
    }

    /** Constructs the capability in this caller's uplink code, where the library allows it (CAP-01). */
    @Override
    public dev.anvilcheck.server.Capability newCapability(java.util.List<?> scope) {
        return new dev.anvilcheck.server.Capability(scope);
    }

    /** Launches from this caller's uplink, outside any call; the server decides who may (TASK-01, TASK-02). */
    @Override
    public Task launchBackgroundTask(String fnName, Arguments arguments) {
        return uplink().launchBackgroundTask(fnName, arguments);
    }

    @Override
    public Task getBackgroundTask(String id) {
        return uplink().getBackgroundTask(id);
    }

    @Override
    public List<Task> listBackgroundTasks(boolean allEnvironments) {
        return uplink().listBackgroundTasks(allEnvironments);
    }

    @Override
    public synchronized void disconnect() {
        if (uplink != null) {
            uplink.disconnect();
        }
    }

    synchronized void close() {
        if (uplink != null) {
            uplink.close();
        }
    }

    @Override
    public String toString() {
        return kind + " over " + runtime;
    }
}
