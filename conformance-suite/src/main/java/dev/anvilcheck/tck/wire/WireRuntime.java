package dev.anvilcheck.tck.wire;

import dev.anvilcheck.server.AnvilServer;
import dev.anvilcheck.server.Endpoint;
import dev.anvilcheck.server.PortableClasses;
import dev.anvilcheck.server.RequireUser;
import dev.anvilcheck.server.ServerFunction;
import dev.anvilcheck.server.Session;
import dev.anvilcheck.spi.Caller;
import dev.anvilcheck.spi.CallerKind;
import dev.anvilcheck.spi.HttpSender;
import dev.anvilcheck.spi.RuntimeUnderTest;
import dev.anvilcheck.spi.TaskControl;
import dev.anvilcheck.spi.UplinkCaller;
import dev.anvilcheck.spi.UplinkEndpoint;
import dev.anvilcheck.tck.internal.LoopbackSender;
import dev.anvilcheck.uplink.Uplink;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A runtime under test reached only over the wire (Uplink protocol §7): the suite's functions are
 * provided by one server-key uplink (UPL-05), and each caller the suite asks for is an uplink
 * connection of its own, trusted (server key) or untrusted (client key) as the caller kind is
 * (UPL-07, UPL-08). With an HTTP origin, the suite's endpoints are provided by that uplink too
 * ({@code http:}, {@code route:}, {@code http-wellknown:} registrations, HTTP-01), and its requests
 * go to the origin over a real socket, whichever transport a test asks for.
 */
final class WireRuntime implements RuntimeUnderTest, dev.anvilcheck.tck.internal.OverTheWire {
    static final String SESSION_PUT = "anvilcheck_wire_session_put";
    static final String SESSION_DATA = "anvilcheck_wire_session_data";
    static final String SESSION_ID = "anvilcheck_wire_session_id";
    /** How long one HTTP request to the origin may take. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Set<CallerKind> TRUSTED = EnumSet.of(CallerKind.SERVER_MODULE, CallerKind.UPLINK,
            CallerKind.BACKGROUND_TASK);

    private final WireTarget target;
    private final AutoCloseable owner;
    private final Uplink functions;
    private final WireControl control;
    private final List<WireCaller> callers = new CopyOnWriteArrayList<>();
    /**
     * The portable classes the suite's functions know: those of the process and those registered
     * for both environments ({@link #registerPortableClass}); each caller's uplink has a registry
     * of its own that inherits from this one (PORT-02, PORT-08).
     */
    private final PortableClasses classes = PortableClasses.inheriting(PortableClasses.global());

    WireRuntime(WireTarget target, AutoCloseable owner) {
        this.target = target;
        this.owner = owner;
        this.control = target.control() == null ? null : new WireControl(target.control(), target.adminToken());
        // the suite's functions are the target's server code: naive date-times they send carry the
        // server's zone, as the platform's server code's do (SER-09)
        this.functions = connect(target.serverKey(), target.serverZone(), classes);
        functions.register(SESSION_PUT, a -> {
            AnvilServer.session().put((String) a.get(0), a.get(1));
            return null;
        });
        functions.register(SESSION_DATA, a -> {
            Session s = AnvilServer.session();
            Map<String, Object> out = new LinkedHashMap<>();
            for (String k : s.keys()) {
                out.put(k, s.get(k));
            }
            return out;
        });
        functions.register(SESSION_ID, a -> AnvilServer.getSessionId());
    }

    /**
     * An uplink with {@code key} whose codec stamps the naive date-times it sends with {@code zone},
     * as an uplink process in that zone does (SER-09), and knows the portable classes of
     * {@code portable}, its process's (PORT-02, PORT-08).
     */
    private Uplink connect(String key, ZoneId zone, PortableClasses portable) {
        return Uplink.builder(target.uplinkUrl(), key).heartbeatInterval(Duration.ZERO)
                .codec(dev.anvilcheck.wire.WireCodec.builder().zone(zone).portableClasses(portable).build()).connect();
    }

    /**
     * Registers the class for the suite's functions and for every caller, as a module both import
     * (PORT-01, PORT-02), and provides its {@link dev.anvilcheck.server.ServerMethod}s on the suite's
     * function uplink as {@code anvil.server_side/<name>.<method>}, as the uplink library does when
     * such a module is imported in an uplink (PORT-10): they run there, so they see the uplink's
     * context.
     *
     * @throws dev.anvilcheck.python.TypeError if the class cannot be portable
     * @throws IllegalArgumentException if one of its server methods is malformed
     */
    @Override
    public void registerPortableClass(Class<?> type, String name) {
        String registered = name == null ? PortableClasses.defaultName(type) : name;
        functions.registerServerMethods(type, registered);
        classes.register(type, registered);
    }

    @Override
    public UplinkEndpoint uplinkEndpoint() {
        return new UplinkEndpoint(target.uplinkUrl(), target.serverKey(), target.clientKey());
    }

    /**
     * Provides the function on the suite's function uplink; with a {@code requireUser}, the uplink
     * checks it before the body runs by asking the runtime for the call's user
     * ({@code anvil.private.users.get_current_user}), as the Python uplink library does (AUTH-01..04).
     * The body's {@code invalidate_client_objects()} asks the runtime ({@link WireScope}; CAP-16).
     */
    @Override
    public void register(String name, RequireUser requireUser, ServerFunction body) {
        ServerFunction scoped = WireScope.around(body);
        if (requireUser == null || requireUser.equals(RequireUser.none())) {
            functions.register(name, scoped);
        } else {
            functions.register(name, requireUser, scoped);
        }
    }

    /**
     * Checks that the target was started with this account ({@link WireTarget#userEmail()}): the wire
     * cannot add one (HTTP-09).
     *
     * @throws UnsupportedOperationException naming the property to set when it was not
     */
    @Override
    public void addUser(String email, String password, Object user) {
        if (!email.equals(target.userEmail()) || !password.equals(target.userPassword())) {
            throw new UnsupportedOperationException("the wire cannot add user accounts: start the target with the"
                    + " account " + email + " (serve mode: --user " + email + ":PASSWORD:role=admin) and name it with -D"
                    + WireTarget.USER_PROPERTY + "=" + email + ":PASSWORD");
        }
    }

    WireTarget target() {
        return target;
    }

    /** Provides the module's {@code @Callable} methods on the suite's function uplink (CALL-06, CALL-24). */
    @Override
    public void registerModule(Object module) {
        functions.registerAll(module);
    }

    /** Provides the task's function on the suite's function uplink, as {@code task:<name>} (TASK-01, UPL-05). */
    @Override
    public void registerBackgroundTask(String name, ServerFunction body) {
        functions.registerBackgroundTask(name, body);
    }

    /** Waits for tasks over the wire; their faults (TASK-23) go through the control API, when there is one. */
    @Override
    public TaskControl tasks() {
        return new WireTasks(target.taskRetention(), control);
    }

    /**
     * The target's fake clock, through its control API ({@code /clock}, {@code /clock/advance}).
     *
     * @throws UnsupportedOperationException naming the property when the target names no control API
     */
    @Override
    public dev.anvilcheck.spi.TimeControl time() {
        return control();
    }

    /**
     * The target's fault switches, through its control API ({@code /faults...}); switched off again
     * when the suite closes this runtime.
     *
     * @throws UnsupportedOperationException naming the property when the target names no control API
     */
    @Override
    public dev.anvilcheck.spi.Faults faults() {
        return control();
    }

    private WireControl control() {
        if (control == null) {
            throw new UnsupportedOperationException("the target offers no anvilcheck control API; name it with -D"
                    + WireTarget.CONTROL_PROPERTY + "=http://HOST:PORT/_/control");
        }
        return control;
    }

    /**
     * Provides the endpoint through the suite's function uplink, as an uplink's
     * {@code @http_endpoint}, {@code @route} or {@code @wellknown_endpoint} (UPL-05, HTTP-01).
     *
     * @throws UnsupportedOperationException without an HTTP origin to send requests to
     */
    @Override
    public void registerEndpoint(Endpoint endpoint, ServerFunction body) {
        origin();
        functions.registerEndpoint(endpoint, body);
    }

    /**
     * Requests to the origin over a real socket: over the wire there is no other way in.
     *
     * @throws UnsupportedOperationException without an HTTP origin
     */
    @Override
    public HttpSender http() {
        return new LoopbackSender(origin(), REQUEST_TIMEOUT);
    }

    @Override
    public Caller caller(CallerKind kind) {
        WireCaller caller = new WireCaller(this, kind, target.serverZone(), PortableClasses.inheriting(classes),
                (zone, portable) -> connect(TRUSTED.contains(kind) ? target.serverKey() : target.clientKey(), zone,
                        portable));
        callers.add(caller);
        return caller;
    }

    @Override
    public UplinkCaller uplink() {
        return (UplinkCaller) caller(CallerKind.UPLINK);
    }

    @Override
    public ZoneId serverZone() {
        return target.serverZone();
    }

    @Override
    public Duration callTimeout() {
        return target.callTimeout();
    }

    @Override
    public URI listen() {
        return origin();
    }

    private URI origin() {
        if (target.origin() == null) {
            throw new UnsupportedOperationException("no HTTP origin was given (" + WireTarget.ORIGIN_PROPERTY + ")");
        }
        return target.origin();
    }

    @Override
    public void close() {
        RuntimeException resetting = null;
        if (control != null) {
            try {
                control.reset();
            } catch (RuntimeException e) {
                resetting = e;
            }
        }
        for (WireCaller c : callers) {
            c.close();
        }
        functions.close();
        if (owner != null) {
            try {
                owner.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing the runtime behind the wire failed", e);
            }
        }
        if (resetting != null) {
            throw new IllegalStateException("switching the target's faults off failed", resetting);
        }
    }

    @Override
    public String toString() {
        return "uplink " + target.uplinkUrl();
    }
}
