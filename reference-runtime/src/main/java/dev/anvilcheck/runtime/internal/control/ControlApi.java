package dev.anvilcheck.runtime.internal.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anvilcheck.runtime.internal.RetainedSize;
import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.Location;
import dev.anvilcheck.server.SerializationError;
import dev.anvilcheck.server.Task;
import dev.anvilcheck.spi.Caller;
import dev.anvilcheck.spi.CallerKind;
import dev.anvilcheck.spi.RawHttpRequest;
import dev.anvilcheck.spi.RawHttpResponse;
import dev.anvilcheck.spi.TimeControl;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The control API: a runtime driven and observed over HTTP with JSON, under the reserved prefix
 * {@value #PREFIX} of the runtime's listener (serve mode prints it as {@code control: URL}). The
 * routes ({@link #routes()}) are described by the OpenAPI document served at
 * {@value #PREFIX}{@code /openapi.json} and in {@code docs/CONTROL.md}: simulated callers created
 * and calling functions as a browser, an HTTP client, an email, a scheduled task or a client
 * uplink, with results and errors as the wire encodes them ({@link WireValues}); the fake clock;
 * faults; user accounts; the call journal, a long poll for the next call of a function, the app
 * log, sessions, background tasks, registered functions and uplinks. Every request goes through
 * {@link #serve}, which first asks the {@link ControlGate}; a malformed request is answered with a
 * 400 naming its field, and nothing a request does fails the runtime. A long poll holds no thread
 * while it waits: its response completes when the call is recorded, or on a timer.
 */
public final class ControlApi implements AutoCloseable {
    /** The reserved path prefix; the platform reserves {@code /_/} and uses {@code /_/api} and {@code /_/uplink}. */
    public static final String PREFIX = "/_/control";
    /** The most callers the API keeps; more must wait until some are deleted. */
    static final int MAX_CALLERS = 10_000;
    /** The most long polls waiting at once. */
    static final int MAX_WAITERS = 64;
    /** The longest long poll, and the default one, in milliseconds. */
    static final long MAX_WAIT_MILLIS = 60_000;
    static final long DEFAULT_WAIT_MILLIS = 10_000;
    /** About what the API's journal keeps alive at most: its calls' Media and strings, as serve mode's journal. */
    static final long JOURNAL_BYTES = 16L * 1024 * 1024;
    /** The kinds of caller the API creates, by the name requests give. */
    private static final Map<String, CallerKind> KINDS = Map.of("browser", CallerKind.BROWSER, "http", CallerKind.HTTP,
            "email", CallerKind.EMAIL, "scheduled_task", CallerKind.SCHEDULED_TASK, "client_uplink",
            CallerKind.CLIENT_UPLINK);

    private final ControlTarget target;
    private final ControlGate gate;
    private final WireValues values;
    private final int journalCapacity;
    private final List<Route> routes;
    private final Map<String, Held> callers = new ConcurrentHashMap<>();
    private final AtomicLong callerIds = new AtomicLong();
    private final Set<String> timedOut = ConcurrentHashMap.newKeySet();
    private final Set<String> workersDie = ConcurrentHashMap.newKeySet();
    private volatile boolean quotaExceeded;
    private volatile boolean appLocked;
    /** The journal as recorded, newest last, with the index of each; and the long polls waiting. Guarded by itself. */
    private final ArrayDeque<Indexed> journal = new ArrayDeque<>();
    private final List<Waiter> waiters = new ArrayList<>();
    private long recorded;
    private long journalDropped;
    private long journalBytes;
    private ScheduledThreadPoolExecutor timer;
    private boolean closed;
    /** The event stream's subscribers ({@code GET /events}). */
    private final ControlEvents events;

    /** A caller the API made, under its id. */
    private record Held(String id, String kind, Caller caller, Instant created) {}

    /** A journal call, its place in the order of recording, from 1, and about what it keeps alive. */
    private record Indexed(long index, ControlTarget.Call call, long size) {}

    /** A long poll: the function it waits for ({@code null}: any), after which index, and its answer. */
    private static final class Waiter {
        final String function;
        final long after;
        final CompletableFuture<RawHttpResponse> answer = new CompletableFuture<>();
        ScheduledFuture<?> timeout;

        Waiter(String function, long after) {
            this.function = function;
            this.after = after;
        }
    }

    /**
     * One route: its method, its path as the OpenAPI document writes it ({@code {id}} matches one
     * segment), and what answers it.
     *
     * @param method the HTTP method
     * @param path the path template, e.g. {@code /_/control/callers/{id}/calls}
     * @param handler the answer
     */
    public record Route(String method, String path, Handler handler) {}

    /** Answers a matched request: a response now, or a future one. */
    @FunctionalInterface
    interface Handler {
        Object handle(Request request);
    }

    /** A matched request: its path parameters, query parameters and body. */
    record Request(Map<String, String> pathParams, Map<String, String> query, byte[] body) {
        ObjectNode json() {
            return ControlJson.body(body);
        }
    }

    /**
     * @param target the runtime
     * @param adminToken the admin token every request must carry, or {@code null} for loopback
     *     clients only
     * @param journalCapacity how many recorded calls the API keeps for its journal routes
     */
    public ControlApi(ControlTarget target, String adminToken, int journalCapacity) {
        this.target = target;
        this.gate = new ControlGate(adminToken);
        this.values = new WireValues(target.zone(), target.portableClasses());
        this.journalCapacity = journalCapacity;
        this.routes = List.of(
                new Route("GET", PREFIX, r -> overview()),
                new Route("GET", PREFIX + "/openapi.json", r -> openApi()),
                new Route("GET", PREFIX + "/callers", r -> listCallers()),
                new Route("POST", PREFIX + "/callers", this::createCaller),
                new Route("GET", PREFIX + "/callers/{id}", r -> ControlJson.ok(200, describe(held(r)))),
                new Route("DELETE", PREFIX + "/callers/{id}", this::deleteCaller),
                new Route("POST", PREFIX + "/callers/{id}/calls", this::call),
                new Route("POST", PREFIX + "/callers/{id}/user", this::logIn),
                new Route("GET", PREFIX + "/clock", r -> ControlJson.ok(200, clock())),
                new Route("POST", PREFIX + "/clock/advance", this::advance),
                new Route("GET", PREFIX + "/faults", r -> ControlJson.ok(200, faults())),
                new Route("POST", PREFIX + "/faults", this::setFaults),
                new Route("POST", PREFIX + "/faults/timeout", this::timeOut),
                new Route("POST", PREFIX + "/faults/worker-dies", this::workerDies),
                new Route("POST", PREFIX + "/faults/task", this::taskFault),
                new Route("POST", PREFIX + "/faults/expire-session", this::expireSession),
                new Route("POST", PREFIX + "/faults/disconnect-uplink", this::disconnectUplink),
                new Route("GET", PREFIX + "/users", r -> listUsers()),
                new Route("POST", PREFIX + "/users", this::addUser),
                new Route("GET", PREFIX + "/functions", r -> functions()),
                new Route("GET", PREFIX + "/journal", this::journal),
                new Route("GET", PREFIX + "/journal/next", this::next),
                new Route("GET", PREFIX + "/log", this::log),
                new Route("GET", PREFIX + "/sessions", r -> sessions()),
                new Route("GET", PREFIX + "/tasks", r -> tasks()),
                new Route("GET", PREFIX + "/events", r -> {
                    throw new BadRequest(406, null, "the event stream is served by the runtime's listener only");
                }));
        this.events = new ControlEvents(target, this::hello, () -> functionsJson(), this::logEntry, this::taskEntry);
        if (target.recordsCalls()) {
            target.onCall(this::recorded);
        }
    }

    /**
     * Whether a request target is the control API's: {@value #PREFIX} or below it.
     *
     * @param target the request target, path and query
     * @return true if {@link #serve} is to answer it
     */
    public static boolean handles(String target) {
        return under(target, PREFIX) || under(target, ConsolePage.PREFIX);
    }

    private static boolean under(String target, String prefix) {
        return target.startsWith(prefix) && (target.length() == prefix.length()
                || "/?".indexOf(target.charAt(prefix.length())) >= 0);
    }

    /**
     * Whether a request is for the event stream, {@code GET /_/control/events}, which the host
     * answers with {@link #openEvents} instead of {@link #serve}.
     *
     * @param raw the request
     * @return true for the event stream
     */
    public static boolean isEventStream(RawHttpRequest raw) {
        String target = raw.target();
        int question = target.indexOf('?');
        String path = question < 0 ? target : target.substring(0, question);
        return "GET".equalsIgnoreCase(raw.method()) && (path.equals(PREFIX + "/events")
                || path.equals(PREFIX + "/events/"));
    }

    /**
     * Opens an event stream ({@link ControlEvents}), after the same gate as every route.
     *
     * @param raw the request, for which {@link #isEventStream} is true
     * @param body its body, or {@code null}
     * @param remote the client's IP address
     * @return a refusal to write as a response, or the subscription to start
     */
    public ControlEvents.Opened openEvents(RawHttpRequest raw, byte[] body, String remote) {
        try {
            RawHttpResponse refused = gate.refusal(raw, body, remote);
            if (refused != null) {
                return new ControlEvents.Opened(refused, null);
            }
            String target = raw.target();
            int question = target.indexOf('?');
            if (question >= 0 && target.length() > question + 1) {
                return new ControlEvents.Opened(ControlJson.error(400, null, "the event stream takes no parameters"),
                        null);
            }
            return events.open();
        } catch (RuntimeException e) {
            return new ControlEvents.Opened(ControlJson.error(500, null, "the control API failed: " + e), null);
        }
    }

    /** @return every route, in the order the API matches them */
    public List<Route> routes() {
        return routes;
    }

    /**
     * Answers one request: the gate first, then the route; the answer may complete later (a long
     * poll). Never fails: an unexpected error is a 500 with a JSON error.
     *
     * @param raw the request's method, target and headers
     * @param body its body, or {@code null}
     * @param remote the client's IP address
     * @return the response
     */
    public CompletableFuture<RawHttpResponse> serve(RawHttpRequest raw, byte[] body, String remote) {
        try {
            RawHttpResponse refused = gate.refusal(raw, body, remote);
            if (refused != null) {
                return CompletableFuture.completedFuture(refused);
            }
            if (under(raw.target(), ConsolePage.PREFIX)) {
                return CompletableFuture.completedFuture(ConsolePage.serve(raw));
            }
            Object answer = route(raw, body);
            if (answer instanceof CompletableFuture<?> later) {
                @SuppressWarnings("unchecked")
                CompletableFuture<RawHttpResponse> typed = (CompletableFuture<RawHttpResponse>) later;
                return typed;
            }
            return CompletableFuture.completedFuture((RawHttpResponse) answer);
        } catch (BadRequest e) {
            return CompletableFuture.completedFuture(ControlJson.error(e.status(), e.field(), e.getMessage()));
        } catch (RuntimeException | StackOverflowError e) {
            return CompletableFuture.completedFuture(ControlJson.error(500, null, "the control API failed: " + e));
        }
    }

    private Object route(RawHttpRequest raw, byte[] body) {
        String target = raw.target();
        int question = target.indexOf('?');
        String path = question < 0 ? target : target.substring(0, question);
        if (path.length() > PREFIX.length() && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        Map<String, String> query = query(question < 0 ? null : target.substring(question + 1));
        String[] segments = path.split("/", -1);
        Set<String> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            Map<String, String> params = match(route.path().split("/", -1), segments);
            if (params == null) {
                continue;
            }
            if (!route.method().equals(raw.method().toUpperCase(Locale.ROOT))) {
                allowed.add(route.method());
                continue;
            }
            return route.handler().handle(new Request(params, query, body));
        }
        if (!allowed.isEmpty()) {
            RawHttpResponse r = ControlJson.error(405, null, raw.method() + " is not allowed on " + path
                    + "; allowed: " + String.join(", ", allowed));
            Map<String, List<String>> headers = new LinkedHashMap<>(r.headers());
            headers.put("allow", List.of(String.join(", ", allowed)));
            return new RawHttpResponse(405, headers, r.body());
        }
        throw new BadRequest(404, null, "no control API resource at " + path + "; the routes are listed at "
                + PREFIX + "/openapi.json");
    }

    private static Map<String, String> match(String[] template, String[] segments) {
        if (template.length != segments.length) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < template.length; i++) {
            String t = template[i];
            if (t.startsWith("{") && t.endsWith("}")) {
                if (segments[i].isEmpty()) {
                    return null;
                }
                params.put(t.substring(1, t.length() - 1), URLDecoder.decode(segments[i], StandardCharsets.UTF_8));
            } else if (!t.equals(segments[i])) {
                return null;
            }
        }
        return params;
    }

    private static Map<String, String> query(String query) {
        Map<String, String> out = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return out;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(name, value);
        }
        return out;
    }

    // ---------------------------------------------------------------- overview and document

    private RawHttpResponse overview() {
        ObjectNode out = ControlJson.object();
        out.put("api", "anvilcheck control");
        out.put("openapi", PREFIX + "/openapi.json");
        out.put("adminTokenRequired", gate.tokenRequired());
        out.put("recordsCalls", target.recordsCalls());
        out.put("console", ConsolePage.PREFIX);
        out.set("clock", clock());
        ArrayNode resources = out.putArray("routes");
        for (Route r : routes) {
            resources.add(r.method() + " " + r.path());
        }
        return ControlJson.ok(200, out);
    }

    private static RawHttpResponse openApi() {
        try (InputStream in = ControlApi.class.getResourceAsStream("openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the runtime's jar");
            }
            return new RawHttpResponse(200, ControlJson.headers("application/json"), in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- callers

    private RawHttpResponse listCallers() {
        ObjectNode out = ControlJson.object();
        ArrayNode list = out.putArray("callers");
        for (Held h : sortedCallers()) {
            list.add(describe(h));
        }
        return ControlJson.ok(200, out);
    }

    private List<Held> sortedCallers() {
        List<Held> all = new ArrayList<>(callers.values());
        all.sort(java.util.Comparator.comparingLong(h -> Long.parseLong(h.id().substring(1))));
        return all;
    }

    private RawHttpResponse createCaller(Request request) {
        ObjectNode body = request.json();
        only(body, "kind", "ip", "location", "zone", "user", "userEmail", "session", "cookies", "objects");
        String kindName = body.has("kind") ? text(body, "kind") : "browser";
        CallerKind kind = KINDS.get(kindName);
        if (kind == null) {
            throw new BadRequest(400, "kind", "unknown kind of caller \"" + kindName + "\"; one of "
                    + new TreeSet<>(KINDS.keySet()));
        }
        String ip = body.has("ip") ? text(body, "ip") : null;
        Location location = body.has("location") ? location(body.get("location")) : null;
        ZoneId zone = body.has("zone") ? zone(text(body, "zone"), "zone") : null;
        if (body.has("user") && body.has("userEmail")) {
            throw new BadRequest(400, "userEmail", "give either user or userEmail, not both");
        }
        Object userFromEmail = null;
        if (body.has("userEmail")) {
            String email = text(body, "userEmail");
            userFromEmail = target.user(email);
            if (userFromEmail == null) {
                throw new BadRequest(404, "userEmail", "no user account has the email " + email + "; add it with POST "
                        + PREFIX + "/users");
            }
        }
        if (body.has("cookies") && kind != CallerKind.BROWSER) {
            throw new BadRequest(400, "cookies", "only a browser has cookies, not a " + kindName + " caller");
        }
        if (body.has("session") && !body.get("session").isObject()) {
            throw new BadRequest(400, "session", "must be a JSON object of the session's keys and values");
        }
        if (body.has("cookies")) {
            JsonNode cookies = body.get("cookies");
            if (!cookies.isObject()) {
                throw new BadRequest(400, "cookies", "must be an object with \"local\" and/or \"shared\" objects");
            }
            for (String jar : WireValues.names(cookies)) {
                if (!jar.equals("local") && !jar.equals("shared") || !cookies.get(jar).isObject()) {
                    throw new BadRequest(400, "cookies", "must be an object with \"local\" and/or \"shared\" objects,"
                            + " not " + jar);
                }
            }
        }
        List<Object> decoded = values.decode(body, List.of("user", "session", "cookies"));
        if (callers.size() >= MAX_CALLERS) {
            throw new BadRequest(409, "callers", "the control API holds " + MAX_CALLERS + " callers already; delete"
                    + " some with DELETE " + PREFIX + "/callers/{id}");
        }
        Caller caller = target.newCaller(kind);
        if (ip != null) {
            caller.ip(ip);
        }
        if (location != null) {
            caller.location(location);
        }
        if (zone != null) {
            caller.zone(zone);
        }
        Object user = userFromEmail != null ? userFromEmail : decoded.get(0);
        if (user != null) {
            caller.user(user);
        }
        if (decoded.get(1) instanceof Map<?, ?> session) {
            for (Map.Entry<?, ?> e : session.entrySet()) {
                try {
                    caller.putSession(String.valueOf(e.getKey()), e.getValue());
                } catch (UnsupportedOperationException | SerializationError refused) {
                    throw new BadRequest(400, "session", refused.getMessage());
                }
            }
        }
        if (decoded.get(2) instanceof Map<?, ?> cookies) {
            for (Map.Entry<?, ?> jar : cookies.entrySet()) {
                for (Map.Entry<?, ?> c : ((Map<?, ?>) jar.getValue()).entrySet()) {
                    try {
                        target.putCookie(caller, jar.getKey().equals("shared"), String.valueOf(c.getKey()),
                                c.getValue());
                    } catch (RuntimeException refused) {
                        throw new BadRequest(400, "cookies", refused.getMessage());
                    }
                }
            }
        }
        Held held = new Held("c" + callerIds.incrementAndGet(), kindName, caller, target.now());
        callers.put(held.id(), held);
        return ControlJson.ok(201, describe(held));
    }

    private RawHttpResponse deleteCaller(Request request) {
        Held h = held(request);
        callers.remove(h.id());
        return ControlJson.noContent();
    }

    private Held held(Request request) {
        return held(request.pathParams().get("id"), "id");
    }

    private Held held(String id, String field) {
        Held h = id == null ? null : callers.get(id);
        if (h == null) {
            throw new BadRequest(404, field, "no caller has the id " + id + "; create one with POST " + PREFIX
                    + "/callers");
        }
        return h;
    }

    private ObjectNode describe(Held h) {
        ObjectNode out = ControlJson.object();
        out.put("id", h.id());
        out.put("kind", h.kind());
        out.put("created", h.created().toString());
        out.put("sessionId", h.caller().sessionId());
        out.put("sessionExpired", target.sessionExpired(h.caller()));
        out.put("zone", h.caller().zone().getId());
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("user", target.userOf(h.caller()));
        encodeLeniently(out, user);
        return out;
    }

    private RawHttpResponse logIn(Request request) {
        Held h = held(request);
        ObjectNode body = request.json();
        only(body, "user", "userEmail", "objects");
        Object user;
        if (body.has("userEmail")) {
            String email = text(body, "userEmail");
            user = target.user(email);
            if (user == null) {
                throw new BadRequest(404, "userEmail", "no user account has the email " + email);
            }
        } else {
            user = values.decode(body, List.of("user")).get(0);
        }
        h.caller().user(user);
        return ControlJson.ok(200, describe(h));
    }

    private RawHttpResponse call(Request request) {
        Held h = held(request);
        ObjectNode body = request.json();
        only(body, "function", "args", "kwargs", "objects");
        if (!body.has("function")) {
            throw new BadRequest(400, "function", "is missing: the name of the server function to call");
        }
        String function = text(body, "function");
        ObjectNode out = ControlJson.object();
        Arguments arguments;
        try {
            arguments = values.decodeArguments(body);
        } catch (SerializationError e) {
            // the caller's side refuses to send what cannot cross, as the platform's client does
            out.put("outcome", "raised");
            out.set("error", WireValues.error(e));
            return ControlJson.ok(200, out);
        }
        Object returned;
        try {
            returned = h.caller().call(function, arguments);
        } catch (RuntimeException e) {
            out.put("outcome", "raised");
            out.set("error", WireValues.error(e));
            return ControlJson.ok(200, out);
        }
        out.put("outcome", "returned");
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("response", returned);
        try {
            values.encode(out, response);
        } catch (SerializationError e) {
            out.removeAll();
            out.put("outcome", "raised");
            out.set("error", WireValues.error(e));
        }
        return ControlJson.ok(200, out);
    }

    // ---------------------------------------------------------------- time

    private ObjectNode clock() {
        ObjectNode out = ControlJson.object();
        out.put("fake", target.fakeClock() != null);
        out.put("now", target.now().toString());
        out.put("zone", target.zone().getId());
        out.put("callTimeoutMillis", target.callTimeout().toMillis());
        out.put("sessionTimeoutMillis", target.sessionTimeout().toMillis());
        return out;
    }

    private RawHttpResponse advance(Request request) {
        ObjectNode body = request.json();
        only(body, "millis", "duration");
        TimeControl clock = fakeClock();
        Duration by;
        if (body.has("millis") == body.has("duration")) {
            throw new BadRequest(400, "millis", "give exactly one of millis (a number) and duration (ISO-8601, e.g."
                    + " PT5M)");
        }
        if (body.has("millis")) {
            JsonNode millis = body.get("millis");
            if (!millis.canConvertToLong() || !millis.isIntegralNumber()) {
                throw new BadRequest(400, "millis", "must be a whole number of milliseconds");
            }
            by = Duration.ofMillis(millis.asLong());
        } else {
            try {
                by = Duration.parse(text(body, "duration"));
            } catch (DateTimeParseException e) {
                throw new BadRequest(400, "duration", "is not an ISO-8601 duration such as PT5M: " + e.getMessage());
            }
        }
        if (by.isNegative()) {
            throw new BadRequest(400, body.has("millis") ? "millis" : "duration", "time only moves forward: " + by);
        }
        clock.advance(by);
        return ControlJson.ok(200, clock());
    }

    private TimeControl fakeClock() {
        TimeControl clock = target.fakeClock();
        if (clock == null) {
            throw new BadRequest(409, "clock", "this runtime runs on the system clock, which the control API cannot"
                    + " move; start serve mode with --fake-clock");
        }
        return clock;
    }

    // ---------------------------------------------------------------- faults

    private ObjectNode faults() {
        ObjectNode out = ControlJson.object();
        out.put("appOffline", target.appOffline());
        out.put("quotaExceeded", quotaExceeded);
        out.put("appLocked", appLocked);
        ArrayNode names = out.putArray("timedOut");
        new TreeSet<>(timedOut).forEach(names::add);
        ArrayNode dying = out.putArray("workerDies");
        new TreeSet<>(workersDie).forEach(dying::add);
        return out;
    }

    private RawHttpResponse setFaults(Request request) {
        ObjectNode body = request.json();
        only(body, "appOffline", "quotaExceeded", "appLocked");
        Boolean offline = body.has("appOffline") ? bool(body, "appOffline") : null;
        Boolean quota = body.has("quotaExceeded") ? bool(body, "quotaExceeded") : null;
        Boolean locked = body.has("appLocked") ? bool(body, "appLocked") : null;
        if (locked != null) {
            target.appLocked(locked);
            appLocked = locked;
        }
        if (offline != null) {
            target.appOffline(offline);
        }
        if (quota != null) {
            target.quotaExceeded(quota);
            quotaExceeded = quota;
        }
        return ControlJson.ok(200, faults());
    }

    private RawHttpResponse timeOut(Request request) {
        ObjectNode body = request.json();
        only(body, "function", "on");
        if (!body.has("function")) {
            throw new BadRequest(400, "function", "is missing: the name of the server function to time out");
        }
        String function = text(body, "function");
        boolean on = !body.has("on") || bool(body, "on");
        if (on) {
            fakeClock();
            if (target.callTimeout().isZero()) {
                throw new BadRequest(409, "function", "this runtime has no call timeout, so no call can time out");
            }
        }
        try {
            target.timeOut(function, on);
        } catch (IllegalArgumentException e) {
            throw new BadRequest(404, "function", e.getMessage());
        } catch (IllegalStateException e) {
            throw new BadRequest(409, "function", e.getMessage());
        }
        if (on) {
            timedOut.add(function);
        } else {
            timedOut.remove(function);
        }
        return ControlJson.ok(200, faults());
    }

    private RawHttpResponse workerDies(Request request) {
        ObjectNode body = request.json();
        only(body, "function", "on");
        if (!body.has("function")) {
            throw new BadRequest(400, "function", "is missing: the name of the server function whose workers die");
        }
        String function = text(body, "function");
        boolean on = !body.has("on") || bool(body, "on");
        try {
            target.workerDiesDuring(function, on);
        } catch (IllegalArgumentException e) {
            throw new BadRequest(404, "function", e.getMessage());
        }
        if (on) {
            workersDie.add(function);
        } else {
            workersDie.remove(function);
        }
        return ControlJson.ok(200, faults());
    }

    private RawHttpResponse taskFault(Request request) {
        ObjectNode body = request.json();
        only(body, "task", "fault");
        if (!body.has("task")) {
            throw new BadRequest(400, "task", "is missing: the id of a running background task, from GET " + PREFIX
                    + "/tasks");
        }
        String id = text(body, "task");
        String name = body.has("fault") ? text(body, "fault") : "";
        ControlTarget.TaskFault fault = switch (name) {
            case "worker-dies" -> ControlTarget.TaskFault.WORKER_DIES;
            case "executor-forgets" -> ControlTarget.TaskFault.EXECUTOR_FORGETS;
            default -> throw new BadRequest(400, "fault", "must be \"worker-dies\" or \"executor-forgets\", not \""
                    + name + "\"");
        };
        Task task;
        try {
            task = target.taskFault(id, fault);
        } catch (IllegalStateException e) {
            throw new BadRequest(409, "task", e.getMessage());
        }
        if (task == null) {
            throw new BadRequest(404, "task", "no background task has the id " + id + "; GET " + PREFIX
                    + "/tasks lists them");
        }
        ObjectNode out = ControlJson.object();
        out.put("id", task.getId());
        out.put("name", task.getTaskName());
        String status = task.getTerminationStatus();
        if (status == null) {
            out.putNull("status");
        } else {
            out.put("status", status);
        }
        return ControlJson.ok(200, out);
    }

    private RawHttpResponse expireSession(Request request) {
        ObjectNode body = request.json();
        only(body, "caller");
        if (!body.has("caller")) {
            throw new BadRequest(400, "caller", "is missing: the id of the caller whose session expires");
        }
        Held h = held(text(body, "caller"), "caller");
        target.expireSession(h.caller());
        return ControlJson.ok(200, describe(h));
    }

    private RawHttpResponse disconnectUplink(Request request) {
        ObjectNode body = request.json();
        only(body, "uplink");
        if (!body.has("uplink")) {
            throw new BadRequest(400, "uplink", "is missing: the id of the uplink, from GET " + PREFIX + "/functions");
        }
        String id = text(body, "uplink");
        if (!target.disconnectUplink(id)) {
            throw new BadRequest(404, "uplink", "no connected uplink has the id " + id + "; GET " + PREFIX
                    + "/functions lists them");
        }
        return functions();
    }

    // ---------------------------------------------------------------- users

    private RawHttpResponse listUsers() {
        ObjectNode out = ControlJson.object();
        ArrayNode list = out.putArray("users");
        for (String email : target.userEmails()) {
            ObjectNode u = list.addObject();
            u.put("email", email);
            Map<String, Object> user = new LinkedHashMap<>();
            user.put("user", target.user(email));
            encodeLeniently(u, user);
        }
        return ControlJson.ok(200, out);
    }

    private RawHttpResponse addUser(Request request) {
        ObjectNode body = request.json();
        only(body, "email", "password", "user", "objects");
        if (!body.has("email")) {
            throw new BadRequest(400, "email", "is missing: the account's email, which HTTP Basic sends as the user"
                    + " name");
        }
        if (!body.has("password")) {
            throw new BadRequest(400, "password", "is missing");
        }
        String email = text(body, "email");
        String password = text(body, "password");
        Object user = values.decode(body, List.of("user")).get(0);
        if (user == null) {
            user = Map.of("email", email);
        }
        target.addUser(email, password, user);
        ObjectNode out = ControlJson.object();
        out.put("email", email);
        Map<String, Object> added = new LinkedHashMap<>();
        added.put("user", user);
        encodeLeniently(out, added);
        return ControlJson.ok(201, out);
    }

    // ---------------------------------------------------------------- observation

    private RawHttpResponse functions() {
        return ControlJson.ok(200, functionsJson());
    }

    private ObjectNode functionsJson() {
        ObjectNode out = ControlJson.object();
        ArrayNode server = out.putArray("serverCode");
        target.serverFunctions().forEach(server::add);
        ArrayNode endpoints = out.putArray("endpoints");
        target.endpoints().forEach(endpoints::add);
        ArrayNode uplinks = out.putArray("uplinks");
        for (ControlTarget.Uplink u : target.uplinks()) {
            ObjectNode o = uplinks.addObject();
            o.put("id", u.id());
            o.put("key", u.key());
            o.put("remoteAddress", u.remoteAddress());
            o.put("connectedSince", String.valueOf(u.since()));
            ArrayNode names = o.putArray("functions");
            u.functions().forEach(names::add);
        }
        return out;
    }

    /** The first event of a stream: where the journal and the log stand, to catch up from. */
    private ObjectNode hello() {
        ObjectNode out = ControlJson.object();
        synchronized (journal) {
            out.put("journalLast", recorded);
        }
        List<ControlTarget.LogLine> log = target.log(0);
        out.put("logLast", log.isEmpty() ? 0 : log.get(log.size() - 1).sequence());
        out.set("clock", clock());
        return out;
    }

    private void recorded(ControlTarget.Call call) {
        List<Waiter> woken = new ArrayList<>();
        long size = RetainedSize.of(call.arguments(), call.returnValue());
        Indexed indexed;
        synchronized (journal) {
            indexed = new Indexed(++recorded, call, size);
            journal.addLast(indexed);
            journalBytes += size;
            while (journal.size() > journalCapacity || journalBytes > JOURNAL_BYTES && journal.size() > 1) {
                journalBytes -= journal.removeFirst().size();
                journalDropped++;
            }
            for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
                Waiter w = it.next();
                if (w.function == null || w.function.equals(call.function())) {
                    woken.add(w);
                    it.remove();
                }
            }
        }
        if (events.active()) {
            try {
                events.publish("call", entry(indexed));
            } catch (RuntimeException e) {
                // described on GET /journal with the reason
            }
        }
        if (woken.isEmpty()) {
            return;
        }
        RawHttpResponse answer;
        try {
            ObjectNode out = ControlJson.object();
            out.set("call", entry(indexed));
            answer = ControlJson.ok(200, out);
        } catch (RuntimeException e) {
            answer = ControlJson.error(500, null, "the call could not be described: " + e);
        }
        for (Waiter w : woken) {
            if (w.timeout != null) {
                w.timeout.cancel(false);
            }
            w.answer.complete(answer);
        }
    }

    private RawHttpResponse journal(Request request) {
        requireJournal();
        Map<String, String> q = request.query();
        onlyQuery(q, "function", "after", "limit");
        String function = q.get("function");
        long after = number(q, "after", 0, 0, Long.MAX_VALUE);
        long limit = number(q, "limit", 1000, 1, 10_000);
        List<Indexed> picked = new ArrayList<>();
        long last;
        long dropped;
        synchronized (journal) {
            for (Indexed i : journal) {
                if (i.index() > after && (function == null || function.equals(i.call().function()))
                        && picked.size() < limit) {
                    picked.add(i);
                }
            }
            last = recorded;
            dropped = journalDropped;
        }
        ObjectNode out = ControlJson.object();
        ArrayNode calls = out.putArray("calls");
        for (Indexed i : picked) {
            calls.add(entry(i));
        }
        out.put("last", last);
        out.put("dropped", dropped);
        return ControlJson.ok(200, out);
    }

    private Object next(Request request) {
        requireJournal();
        Map<String, String> q = request.query();
        onlyQuery(q, "function", "after", "timeoutMillis");
        String function = q.get("function");
        long timeout = number(q, "timeoutMillis", DEFAULT_WAIT_MILLIS, 0, MAX_WAIT_MILLIS);
        Waiter w;
        synchronized (journal) {
            long after = q.containsKey("after") ? number(q, "after", 0, 0, Long.MAX_VALUE) : recorded;
            for (Indexed i : journal) {
                if (i.index() > after && (function == null || function.equals(i.call().function()))) {
                    ObjectNode out = ControlJson.object();
                    out.set("call", entry(i));
                    return ControlJson.ok(200, out);
                }
            }
            if (closed) {
                throw new BadRequest(503, null, "the runtime is closing");
            }
            if (timeout == 0) {
                return ControlJson.noContent();
            }
            if (waiters.size() >= MAX_WAITERS) {
                throw new BadRequest(503, null, MAX_WAITERS + " long polls wait already; try again later");
            }
            w = new Waiter(function, after);
            waiters.add(w);
            if (timer == null) {
                timer = new ScheduledThreadPoolExecutor(1, r -> {
                    Thread t = new Thread(r, "anvilcheck-control-timer");
                    t.setDaemon(true);
                    return t;
                });
                timer.setRemoveOnCancelPolicy(true);
            }
            w.timeout = timer.schedule(() -> expire(w), timeout, TimeUnit.MILLISECONDS);
        }
        return w.answer;
    }

    private void expire(Waiter w) {
        synchronized (journal) {
            if (!waiters.remove(w)) {
                return;
            }
        }
        w.answer.complete(ControlJson.noContent());
    }

    private void requireJournal() {
        if (!target.recordsCalls()) {
            throw new BadRequest(409, null, "this runtime does not record calls: serve mode records them (see"
                    + " --journal-size); in-process, build the runtime with recordCalls(true)");
        }
    }

    private ObjectNode entry(Indexed indexed) {
        ControlTarget.Call c = indexed.call();
        ObjectNode out = ControlJson.object();
        out.put("index", indexed.index());
        out.put("sequence", c.sequence());
        out.put("function", c.function());
        out.put("invocation", c.invocation());
        out.put("caller", c.caller());
        if (c.contextType() != null) {
            out.put("contextType", c.contextType());
        }
        out.put("outcome", c.error() == null ? "returned" : c.contextType() == null ? "refused" : "raised");
        out.put("started", c.started().toString());
        out.put("durationMillis", c.duration().toMillis());
        ObjectNode arguments = out.putObject("arguments");
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("args", c.arguments().args());
        a.put("kwargs", c.arguments().kwargs());
        encodeLeniently(arguments, a);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("user", c.user());
        if (c.error() == null) {
            v.put("response", c.returnValue());
        }
        encodeLeniently(out, v);
        if (c.error() != null) {
            out.set("error", WireValues.error(c.error()));
        }
        return out;
    }

    /**
     * Encodes each value on its own, so that one that cannot cross (a return value the runtime
     * refused to send back) is written as {@code null} with {@code <name>Unencodable} saying why,
     * and the others still are.
     */
    private void encodeLeniently(ObjectNode into, Map<String, Object> fields) {
        ArrayNode objects = into.has("objects") ? (ArrayNode) into.get("objects") : into.putArray("objects");
        for (Map.Entry<String, Object> f : fields.entrySet()) {
            ObjectNode one = ControlJson.object();
            Map<String, Object> single = new LinkedHashMap<>();
            single.put(f.getKey(), f.getValue());
            try {
                values.encode(one, single);
                into.set(f.getKey(), one.get(f.getKey()));
                objects.addAll((ArrayNode) one.get("objects"));
                if (one.has("vt_global")) {
                    into.set("vt_global", one.get("vt_global"));
                }
            } catch (RuntimeException e) {
                into.putNull(f.getKey());
                into.put(f.getKey() + "Unencodable", String.valueOf(e.getMessage()));
            }
        }
        into.remove("objects");
        into.set("objects", objects);
    }

    private RawHttpResponse log(Request request) {
        Map<String, String> q = request.query();
        onlyQuery(q, "after", "limit");
        long after = number(q, "after", 0, 0, Long.MAX_VALUE);
        long limit = number(q, "limit", 1000, 1, 10_000);
        ObjectNode out = ControlJson.object();
        ArrayNode entries = out.putArray("entries");
        long last = after;
        for (ControlTarget.LogLine line : target.log(after)) {
            if (entries.size() >= limit) {
                break;
            }
            entries.add(logEntry(line));
            last = line.sequence();
        }
        out.put("last", last);
        out.put("dropped", target.logDropped());
        return ControlJson.ok(200, out);
    }

    private ObjectNode logEntry(ControlTarget.LogLine line) {
        ObjectNode e = ControlJson.object();
        e.put("sequence", line.sequence());
        e.put("time", line.time().toString());
        e.put("level", line.level());
        e.put("source", line.source());
        e.put("name", line.name());
        if (line.sessionId() != null) {
            e.put("sessionId", line.sessionId());
        }
        e.put("message", line.message());
        ArrayNode trace = e.putArray("stackTrace");
        line.stackTrace().forEach(trace::add);
        return e;
    }

    private RawHttpResponse sessions() {
        ObjectNode out = ControlJson.object();
        ArrayNode list = out.putArray("sessions");
        for (Held h : sortedCallers()) {
            ObjectNode s = list.addObject();
            s.put("caller", h.id());
            s.put("kind", h.kind());
            s.put("sessionId", h.caller().sessionId());
            s.put("expired", target.sessionExpired(h.caller()));
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("user", target.userOf(h.caller()));
            v.put("data", h.caller().sessionData());
            encodeLeniently(s, v);
        }
        return ControlJson.ok(200, out);
    }

    private RawHttpResponse tasks() {
        ObjectNode out = ControlJson.object();
        ArrayNode list = out.putArray("tasks");
        for (Task t : target.tasks()) {
            list.add(taskEntry(t));
        }
        return ControlJson.ok(200, out);
    }

    private ObjectNode taskEntry(Task t) {
        ObjectNode o = ControlJson.object();
        o.put("id", t.getId());
        o.put("name", t.getTaskName());
        o.put("startTime", String.valueOf(t.getStartTime()));
        String status;
        boolean running;
        try {
            status = t.getTerminationStatus();
            running = t.isRunning();
        } catch (RuntimeException e) {
            o.put("problem", String.valueOf(e.getMessage()));
            return o;
        }
        o.put("running", running);
        if (status == null) {
            o.putNull("status");
        } else {
            o.put("status", status);
        }
        Map<String, Object> v = new LinkedHashMap<>();
        try {
            v.put("state", t.getState());
        } catch (RuntimeException e) {
            o.put("stateUnencodable", String.valueOf(e.getMessage()));
        }
        if ("completed".equals(status)) {
            try {
                v.put("returnValue", t.getReturnValue());
            } catch (RuntimeException e) {
                o.put("returnValueUnencodable", String.valueOf(e.getMessage()));
            }
        }
        encodeLeniently(o, v);
        if ("failed".equals(status)) {
            try {
                RuntimeException error = t.getError();
                if (error != null) {
                    o.set("error", WireValues.error(error));
                }
            } catch (RuntimeException e) {
                o.set("error", WireValues.error(e));
            }
        }
        return o;
    }

    // ---------------------------------------------------------------- reading requests

    /** Refuses a body with a field the route does not know, naming it. */
    private static void only(ObjectNode body, String... known) {
        List<String> names = List.of(known);
        for (String name : WireValues.names(body)) {
            if (!names.contains(name)) {
                throw new BadRequest(400, name, "is not a field of this request; its fields: " + names);
            }
        }
    }

    private static void onlyQuery(Map<String, String> query, String... known) {
        List<String> names = List.of(known);
        for (String name : query.keySet()) {
            if (!names.contains(name)) {
                throw new BadRequest(400, name, "is not a parameter of this request; its parameters: " + names);
            }
        }
    }

    private static String text(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || !node.isTextual()) {
            throw new BadRequest(400, field, "must be a string");
        }
        return node.asText();
    }

    private static boolean bool(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || !node.isBoolean()) {
            throw new BadRequest(400, field, "must be true or false");
        }
        return node.asBoolean();
    }

    private static long number(Map<String, String> query, String name, long absent, long min, long max) {
        String value = query.get(name);
        if (value == null) {
            return absent;
        }
        long n;
        try {
            n = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new BadRequest(400, name, "must be a whole number, not \"" + value + "\"");
        }
        if (n < min || n > max) {
            throw new BadRequest(400, name, "must be between " + min + " and " + max + ": " + n);
        }
        return n;
    }

    private static ZoneId zone(String id, String field) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw new BadRequest(400, field, "is not a time zone such as Europe/Paris or +02:00: " + id);
        }
    }

    private static Location location(JsonNode node) {
        if (!node.isObject()) {
            throw new BadRequest(400, "location", "must be an object with city, subdivision, country, countryCode,"
                    + " latitude and longitude, each optional");
        }
        ObjectNode o = (ObjectNode) node;
        only(o, "city", "subdivision", "country", "countryCode", "latitude", "longitude");
        return new Location(optionalText(o, "city"), optionalText(o, "subdivision"), optionalText(o, "country"),
                optionalText(o, "countryCode"), optionalNumber(o, "latitude"), optionalNumber(o, "longitude"));
    }

    private static String optionalText(ObjectNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw new BadRequest(400, "location." + field, "must be a string");
        }
        return n.asText();
    }

    private static Double optionalNumber(ObjectNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isNumber()) {
            throw new BadRequest(400, "location." + field, "must be a number");
        }
        return n.asDouble();
    }

    /** Answers the long polls still waiting with 503 and stops the timer; the runtime closes. */
    @Override
    public void close() {
        List<Waiter> left;
        synchronized (journal) {
            closed = true;
            left = new ArrayList<>(waiters);
            waiters.clear();
            if (timer != null) {
                timer.shutdownNow();
            }
        }
        for (Waiter w : left) {
            w.answer.complete(ControlJson.error(503, null, "the runtime is closing"));
        }
        events.close();
    }
}
