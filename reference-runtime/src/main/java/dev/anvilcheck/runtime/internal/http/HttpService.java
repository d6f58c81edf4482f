package dev.anvilcheck.runtime.internal.http;

import dev.anvilcheck.hosting.EndpointReply;
import dev.anvilcheck.hosting.EndpointRequest;
import dev.anvilcheck.hosting.EndpointWrapper;
import dev.anvilcheck.hosting.Params;
import dev.anvilcheck.hosting.PathPattern;
import dev.anvilcheck.media.BlobMedia;
import dev.anvilcheck.media.Media;
import dev.anvilcheck.runtime.internal.ConnectionLimits;
import dev.anvilcheck.runtime.internal.Dispatcher;
import dev.anvilcheck.runtime.internal.Origin;
import dev.anvilcheck.runtime.internal.OutsideTheSpecification;
import dev.anvilcheck.runtime.internal.Registration;
import dev.anvilcheck.runtime.internal.RequestCall;
import dev.anvilcheck.runtime.internal.SessionRecord;
import dev.anvilcheck.runtime.internal.control.ControlApi;
import dev.anvilcheck.server.AppResponse;
import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.ClientInfo;
import dev.anvilcheck.server.Endpoint;
import dev.anvilcheck.server.RequireUser;
import dev.anvilcheck.server.ServerFunction;
import dev.anvilcheck.server.StackFrame;
import dev.anvilcheck.server.host.CallScope;
import dev.anvilcheck.spi.RawHttpRequest;
import dev.anvilcheck.spi.RawHttpResponse;
import dev.anvilcheck.value.CapabilityTranslator;
import dev.anvilcheck.value.Crossing;
import dev.anvilcheck.value.Side;
import dev.anvilcheck.wire.WireCodec;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runtime's HTTP side: the registered endpoints and the one way every request is served,
 * whether it arrives in memory or through the {@link HttpListener} (HTTP-01..29). A request is
 * routed by prefix ({@code /_/api}, {@code /.well-known}, else a route; HTTP-01) to the command
 * {@code http:<path>}, {@code http-wellknown:<path>} or {@code route:<path>}, its Basic
 * credentials read (HTTP-10), and served by a connected uplink whose endpoint pattern matches the
 * command (CALL-07, CALL-08), else by the first endpoint of server code whose pattern matches the
 * whole path (HTTP-04; else 404, HTTP-18, or, for a command only a disconnected uplink provided,
 * the 500 of its {@code UplinkDisconnectedError}, ERR-08). The request runs in the session its
 * cookie names, or, from another site or without one, in a new {@code http} session, which an
 * endpoint with {@code cross_site_session} leaves for the browser's (CTX-04, HTTP-27); the
 * {@link Dispatcher} runs the endpoint as an untrusted {@code http} caller (HTTP-28, HTTP-29):
 * server code through the {@link EndpointWrapper} with the form, query and path parameters as
 * keyword arguments (HTTP-05), an uplink with the request's keyword arguments, its wrapper
 * answering the platform's {@code {"status", "body", "headers"}} dictionary. Errors become 500
 * without details (HTTP-17).
 */
public final class HttpService implements AutoCloseable {
    /** The name of the cookie that carries a browser's session (CTX-04). */
    public static final String SESSION_COOKIE = "anvil-session";
    /** The largest request body accepted, as the platform's server: 256 MiB. */
    public static final int DEFAULT_MAX_BODY = 256 * 1024 * 1024;

    private static final StackFrame HTTP_FRAME = StackFrame.of("http");
    private static final Pattern FILENAME = Pattern.compile("attachment;\\s*filename=\"(.*)\"\\s*");
    private static final Pattern REFERER_ORIGIN = Pattern.compile("([^:/]+://[^/]+)/.*");
    /** The platform's answer when an uplink's reply dictionary cannot be sent (HTTP-15). */
    static final String UNTRANSMITTABLE = "This response cannot be transmitted over HTTP. You must return either"
            + " Media, a string, or a JSON-compatible object (lists/dicts/strings/numbers/None)";
    /** The reply dictionary of an uplink's endpoint crossing back (HTTP-15): {@code null} if unsendable. */
    private static final Dispatcher.ReturnCrossing<EndpointReply> FROM_UPLINK = (returned, sender, capabilities) -> {
        EndpointReply reply = EndpointReply.fromWire(returned);
        return reply == null ? null : cross(reply, sender, capabilities);
    };

    private final Dispatcher dispatcher;
    private final Side httpSide;
    private final int maxBody;
    private final UserAccounts accounts = new UserAccounts();
    private final EndpointWrapper.Host serverCode = new ServerCode();
    private final List<Bound> endpoints = new CopyOnWriteArrayList<>();
    private final Map<String, SessionRecord> sessionsByToken = new ConcurrentHashMap<>();
    private final Map<SessionRecord, String> tokensBySession = new ConcurrentHashMap<>();
    private volatile dev.anvilcheck.runtime.internal.uplink.UplinkServer uplinks;
    private volatile ControlApi control;
    private volatile ConnectionLimits limits = ConnectionLimits.DEFAULTS;
    private HttpListener listener;
    private boolean closed;

    private record Bound(Endpoint endpoint, PathPattern pattern, Registration registration) {}

    /**
     * What serving one request gave: the response, and the app page it opens when a route answered
     * with an app response (HTTP-19, MISC-03).
     *
     * @param response the HTTP response
     * @param page the app response of a route, or {@code null}
     */
    public record Served(RawHttpResponse response, AppResponse page) {}

    /**
     * @param dispatcher the runtime's dispatcher, which runs every endpoint
     * @param maxBody the largest request body accepted, in bytes
     */
    public HttpService(Dispatcher dispatcher, int maxBody) {
        this.dispatcher = dispatcher;
        this.httpSide = new Side(dispatcher.config().zone(), dispatcher.portableClasses(), HTTP_FRAME.isTrusted());
        this.maxBody = bodyLimit(maxBody);
    }

    @OutsideTheSpecification("a check of the builder's argument, which the SPI never gives out of range")
    private static int bodyLimit(int maxBody) {
        if (maxBody < 0) {
            throw new IllegalArgumentException("maxBody must not be negative: " + maxBody);
        }
        return maxBody;
    }

    /**
     * Serves the Uplink WebSocket at {@code /_/uplink} on the listener's port (Uplink protocol §1).
     *
     * @param uplinks the runtime's uplink server
     */
    public void uplinks(dev.anvilcheck.runtime.internal.uplink.UplinkServer uplinks) {
        this.uplinks = uplinks;
    }

    /**
     * Serves the control API under {@link ControlApi#PREFIX} on the listener's port. Only the
     * listener reaches it: {@link #serve} answers every {@code /_/} path other than
     * {@code /_/api} with 404, so neither the app's endpoints and routes nor in-memory requests
     * ({@code SimulatedHttp}, a browser's page) can reach it.
     *
     * @param control the runtime's control API
     */
    public void control(ControlApi control) {
        this.control = control;
    }

    /** @return the control API the listener serves, or {@code null} */
    @OutsideTheSpecification("the control API's hook on the listener (serve mode), which no clause speaks of")
    ControlApi control() {
        return control;
    }

    /**
     * The endpoints server code registered, as the control API lists them: the command prefix and
     * the path pattern, e.g. {@code http:/users/:id}, in the order they are tried (HTTP-04).
     *
     * @return the names
     */
    @OutsideTheSpecification("the control API's list of endpoints (serve mode), which the SPI never reads")
    public List<String> endpointNames() {
        List<String> names = new ArrayList<>();
        for (Bound b : endpoints) {
            names.add(EndpointWrapper.commandPrefix(b.endpoint().kind()) + b.endpoint().path());
        }
        return names;
    }

    /** @param limits what one client may hold of the listener (connections, timeouts) */
    public void limits(ConnectionLimits limits) {
        this.limits = java.util.Objects.requireNonNull(limits, "limits");
    }

    /** @return what one client may hold of the listener */
    public ConnectionLimits limits() {
        return limits;
    }

    /** @return the runtime's uplink server, or {@code null} */
    public dev.anvilcheck.runtime.internal.uplink.UplinkServer uplinks() {
        return uplinks;
    }

    /**
     * Serving a request failed in the runtime itself, outside any endpoint: it is answered with a
     * 500, and the app log tells why.
     *
     * @param raw the request
     * @param error what went wrong
     */
    void failed(RawHttpRequest raw, Throwable error) {
        String target = raw.target();
        int query = target.indexOf('?');
        dispatcher.events().endpointFailed(raw.method(), query < 0 ? target : target.substring(0, query), null, 500,
                null, error);
    }

    /**
     * Connections beyond the listener's cap were closed as they were accepted; told once in a
     * while, not once per connection ({@link ConnectionCap}).
     *
     * @param remoteAddress the address of the latest one
     * @param limit the cap
     * @param count how many were refused since the last time
     */
    void connectionsRefused(String remoteAddress, int limit, long count) {
        dispatcher.events().connectionsRefused(remoteAddress, limit, count);
    }

    /** @return the user accounts {@code authenticate_users} logs in with (HTTP-09) */
    public UserAccounts accounts() {
        return accounts;
    }

    /** @return the largest request body accepted, in bytes */
    public int maxBody() {
        return maxBody;
    }

    /**
     * Registers an endpoint. Endpoints are tried in registration order (HTTP-04); registering the
     * same kind and path again replaces the earlier body in its place (CALL-10).
     *
     * @param endpoint the path and options
     * @param body the function
     * @throws IllegalArgumentException if the path is not a valid pattern
     */
    public void register(Endpoint endpoint, ServerFunction body) {
        String name = EndpointWrapper.commandPrefix(endpoint.kind()) + endpoint.path();
        EndpointWrapper wrapper = new EndpointWrapper(endpoint, body, serverCode);
        Bound bound = new Bound(endpoint, wrapper.pattern(), new Registration(name, RequireUser.none(), wrapper,
                "server_module", null));
        synchronized (endpoints) {
            for (int i = 0; i < endpoints.size(); i++) {
                Bound old = endpoints.get(i);
                if (old.endpoint().kind() == endpoint.kind() && old.endpoint().path().equals(endpoint.path())) {
                    endpoints.set(i, bound);
                    return;
                }
            }
            endpoints.add(bound);
        }
    }

    /**
     * The {@code Cookie} value that carries a session (CTX-04).
     *
     * @param session the session, typically a browser's
     * @return {@code anvil-session=<token>}
     */
    public String sessionCookie(SessionRecord session) {
        String token = tokensBySession.computeIfAbsent(session, s -> {
            String t = dev.anvilcheck.runtime.internal.Ids.base32(32);
            sessionsByToken.put(t, s);
            return t;
        });
        return SESSION_COOKIE + "=" + token;
    }

    /**
     * Serves one request.
     *
     * @param raw the request
     * @param remoteAddress the client's IP address (HTTP-21)
     * @return the response, and the page it opens
     */
    public Served serve(RawHttpRequest raw, String remoteAddress) {
        return serve(raw, raw.body(), remoteAddress);
    }

    /**
     * Serves one request whose body is passed apart and not copied again: the listener reads a
     * body once, into the array that becomes the endpoint's Media (issue 13 F4).
     *
     * @param raw the request's method, target and headers; its own body is ignored
     * @param bodyBytes the body, which the service keeps from now on, or {@code null}
     * @param remoteAddress the client's IP address (HTTP-21)
     * @return the response, and the page it opens
     */
    Served serve(RawHttpRequest raw, byte[] bodyBytes, String remoteAddress) {
        Served refused = overBodyLimit(bodyBytes);
        if (refused != null) {
            return refused;
        }
        // the path, then the query after the first '?'; a fragment after '#' is not the server's
        String[] pathAndQuery = raw.target().split("#", 2)[0].split("\\?", 2);
        String rawPath = pathAndQuery[0];
        String query = pathAndQuery.length == 2 ? pathAndQuery[1] : null;
        Endpoint.Kind kind;
        String path;
        if (rawPath.startsWith("/_/api/")) {
            kind = Endpoint.Kind.HTTP_ENDPOINT;
            path = rawPath.substring("/_/api".length());
        } else if (rawPath.startsWith("/.well-known/")) {
            kind = Endpoint.Kind.WELLKNOWN;
            path = rawPath.substring("/.well-known".length());
        } else if (rawPath.startsWith("/_/")) {
            return plain(ResponseWriter.text(404, "text/plain", "Not found"));
        } else {
            kind = Endpoint.Kind.ROUTE;
            path = rawPath;
        }
        Map<String, String> headers = headers(raw.headers());
        BasicAuth credentials = BasicAuth.parse(headers.get("authorization"));
        String command = EndpointWrapper.commandPrefix(kind) + path;
        Registration uplink = dispatcher.registry().resolveEndpoint(command);
        Bound bound = null;
        Map<String, String> pathParams = null;
        if (uplink == null) {
            for (Bound candidate : endpoints) {
                if (candidate.endpoint().kind() == kind) {
                    pathParams = candidate.pattern().match(path);
                    if (pathParams != null) {
                        bound = candidate;
                        break;
                    }
                }
            }
            if (bound == null) {
                if (dispatcher.registry().staleEndpoint(command)) {
                    dispatcher.events().endpointFailed(raw.method(), rawPath, null, 500, "UplinkDisconnectedError:"
                            + " the uplink that served this path disconnected", null);
                    return plain(ResponseWriter.exception());
                }
                if (kind == Endpoint.Kind.HTTP_ENDPOINT) {
                    dispatcher.events().endpointMissing(raw.method(), rawPath);
                }
                return plain(ResponseWriter.text(404, "text/plain", "No matching API endpoint"));
            }
        }
        SessionRecord cookieSession = cookieSession(headers);
        SessionRecord session = cookieSession != null && !crossSite(headers) ? cookieSession
                : dispatcher.newSession(new ClientInfo("http", remoteAddress, null), null);
        SessionRecord alternate = session == cookieSession ? null : cookieSession;
        Map<String, String> visibleHeaders = withoutPlatformCookies(headers);
        String contentType = headers.get("content-type");
        Map<String, Object> formParams = Map.of();
        if (contentType != null && bodyBytes != null
                && bareType(contentType).equals("application/x-www-form-urlencoded")) {
            Charset charset = charset(contentType);
            formParams = Params.parse(new String(bodyBytes, charset), charset);
        }
        Map<String, Object> queryParams = Params.parse(query, StandardCharsets.UTF_8);
        Media body = bodyBytes == null || bodyBytes.length == 0 ? null
                // the body's one array, which nobody else holds, becomes the Media's: not copied again (issue 13 F4)
                : BlobMedia.adopting(contentType == null ? "application/octet-stream" : contentType, bodyBytes,
                        filename(headers.get("content-disposition")));
        EndpointRequest request = new EndpointRequest(path, raw.method().toUpperCase(Locale.ROOT), queryParams,
                formParams, visibleHeaders, remoteAddress, body, credentials.username(), credentials.password(), null,
                WireCodec::readJson, HttpService::logIn);
        Origin origin = Origin.top(HTTP_FRAME, session, httpSide, false);
        EndpointReply reply;
        try {
            reply = uplink != null
                    ? dispatcher.serve(origin, uplink, new Arguments(List.of(), request.toKwargs()), request, alternate,
                            FROM_UPLINK)
                    : dispatcher.serve(origin, bound.registration(),
                            new Arguments(List.of(), request.keywordArguments(pathParams)), request, alternate,
                            HttpService::cross);
        } catch (RuntimeException e) {
            dispatcher.events().endpointFailed(raw.method(), rawPath, session.id(), 500, null, dispatcher.thrownBy(e));
            return plain(ResponseWriter.exception());
        }
        if (reply == null) {
            dispatcher.events().endpointFailed(raw.method(), rawPath, session.id(), 500, UNTRANSMITTABLE, null);
            return plain(ResponseWriter.text(500, "text/plain", UNTRANSMITTABLE));
        }
        RawHttpResponse response = ResponseWriter.write(reply, kind, (problem, error) ->
                dispatcher.events().endpointFailed(raw.method(), rawPath, session.id(), 500, problem, error));
        AppResponse page = kind == Endpoint.Kind.ROUTE && response.status() < 300
                && reply.body() instanceof AppResponse app ? app : null;
        return new Served(response, page);
    }

    /** @return the 413 of a body larger than the runtime's limit, or {@code null} if it is within it */
    @OutsideTheSpecification("the runtime's limit on a request body's size (256 MiB by default), which no clause sets")
    private Served overBodyLimit(byte[] bodyBytes) {
        if (bodyBytes != null && bodyBytes.length > maxBody) {
            return plain(ResponseWriter.text(413, "text/plain", "Request body too large"));
        }
        return null;
    }

    /** Logs a user in on the session of the call serving the request (HTTP-09). */
    private static void logIn(Object user) {
        if (CallScope.current() instanceof RequestCall call) {
            call.logIn(user);
        }
    }

    /**
     * The endpoint wrapper's host in server code: the request and the session are the current
     * call's; {@code authenticate_users} logs in with this runtime's {@link UserAccounts} (HTTP-09,
     * HTTP-27).
     */
    private final class ServerCode implements EndpointWrapper.Host {
        @Override
        public EndpointRequest request() {
            return (EndpointRequest) CallScope.current().request();
        }

        @Override
        public void switchSession() {
            if (CallScope.current() instanceof RequestCall call) {
                call.switchSession();
            }
        }

        @Override
        public Object sessionUser() {
            return CallScope.current().user();
        }

        @Override
        public Object logIn(String email, String password) {
            return accounts.logIn(email, password);
        }
    }

    private static Served plain(RawHttpResponse response) {
        return new Served(response, null);
    }

    /**
     * The return value crossing back from an endpoint: its body, as any return value to an
     * untrusted receiver (CALL-21, PORT-05); the response is written from the copy on the server's
     * side, so portable objects in it stay objects and are refused as JSON (HTTP-13).
     */
    private static EndpointReply cross(Object returned, Side sender, CapabilityTranslator capabilities) {
        EndpointReply reply = (EndpointReply) returned;
        Object body = reply.body();
        if (body instanceof AppResponse app) {
            @SuppressWarnings("unchecked")
            List<Object> args = (List<Object>) toResponse(app.args(), sender, capabilities);
            @SuppressWarnings("unchecked")
            Map<String, Object> kwargs = (Map<String, Object>) toResponse(app.kwargs(), sender, capabilities);
            return reply.withBody(new AppResponse(app.form(), args, kwargs, app.module(),
                    toResponse(app.data(), sender, capabilities), app.meta()));
        }
        return reply.withBody(toResponse(body, sender, capabilities));
    }

    private static Object toResponse(Object value, Side sender, CapabilityTranslator capabilities) {
        return Crossing.from(sender).receiverTrusted(false).capabilities(capabilities).returnValue(value);
    }

    /**
     * The session the request's cookie names, unless it expired or is unknown (CTX-04); a request
     * from the app's own site runs in it, one from another site may move to it (HTTP-27).
     */
    private SessionRecord cookieSession(Map<String, String> headers) {
        SessionRecord s = sessionsByToken.get(cookie(headers.getOrDefault("cookie", ""), SESSION_COOKIE));
        return s != null && !dispatcher.expired(s) ? s : null;
    }

    /**
     * Whether a request was triggered from another site (HTTP-27): its {@code Origin}, or else the
     * origin of its {@code Referer}, is not the app's; a {@code Referer} that cannot be read counts
     * as another site.
     */
    private boolean crossSite(Map<String, String> headers) {
        String app = dispatcher.appOrigin();
        String origin = headers.get("origin");
        if (origin != null && !sameOrigin(app, origin)) {
            return true;
        }
        String referer = headers.get("referer");
        if (referer == null) {
            return false;
        }
        Matcher m = REFERER_ORIGIN.matcher(referer);
        return !m.matches() || !sameOrigin(app, m.group(1));
    }

    private static boolean sameOrigin(String app, String provided) {
        return app.equals(provided) || app.startsWith(provided + "/");
    }

    /** @return the value of the cookie {@code name} in a {@code Cookie} header, or "", which names no session */
    private static String cookie(String header, String name) {
        for (String part : header.split(";")) {
            String[] pair = part.split("=", 2);
            if (pair.length == 2 && pair[0].trim().equals(name)) {
                return pair[1].trim();
            }
        }
        return "";
    }

    /** The headers by lower-case name, several values joined with a comma, as Ring gives them. */
    private static Map<String, String> headers(Map<String, List<String>> raw) {
        Map<String, String> out = new LinkedHashMap<>();
        raw.forEach((name, values) -> {
            if (!values.isEmpty()) {
                out.put(name.toLowerCase(Locale.ROOT), String.join(",", values));
            }
        });
        return out;
    }

    /** The headers an endpoint sees: the platform's own cookies removed from {@code cookie} (HTTP-22). */
    private static Map<String, String> withoutPlatformCookies(Map<String, String> headers) {
        String cookies = headers.get("cookie");
        if (cookies == null) {
            return headers;
        }
        List<String> kept = new ArrayList<>();
        for (String part : cookies.split(";")) {
            String p = part.trim();
            String name = p.split("=", 2)[0].trim();
            if (!p.isEmpty() && !ResponseWriter.PLATFORM_COOKIES.contains(name)) {
                kept.add(p);
            }
        }
        Map<String, String> out = new LinkedHashMap<>(headers);
        out.put("cookie", String.join("; ", kept));
        return out;
    }

    private static String bareType(String contentType) {
        return contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    }

    private static Charset charset(String contentType) {
        for (String param : contentType.split(";")) {
            String p = param.trim();
            if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                try {
                    return Charset.forName(p.substring("charset=".length()).replace("\"", "").trim());
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                    return StandardCharsets.UTF_8;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static String filename(String contentDisposition) {
        if (contentDisposition == null) {
            return null;
        }
        Matcher m = FILENAME.matcher(contentDisposition);
        return m.matches() ? m.group(1) : null;
    }

    /**
     * Starts serving over HTTP on the loopback interface, on a free port, unless already serving;
     * from then on server code sees that origin (MISC-01, HTTP-02).
     *
     * @return the origin, {@code http://127.0.0.1:<port>}
     */
    public synchronized URI listen() {
        return listen(0);
    }

    /**
     * Serves on the loopback interface at {@code port} (0: a free port the system chooses), unless
     * already serving, in which case the open listener's origin is returned.
     *
     * @param port the port
     * @return the origin
     */
    public synchronized URI listen(int port) {
        if (closed) {
            throw new IllegalStateException("This AnvilRuntime has been closed");
        }
        if (listener == null) {
            listener = HttpListener.start(this, port);
            dispatcher.listenerOrigin(listener.origin().toString());
        }
        return listener.origin();
    }

    /**
     * The origin of the listener, if serving.
     *
     * @return the origin, or {@code null}
     */
    @OutsideTheSpecification("the runtime's own Java API, which the SPI never calls")
    public synchronized URI origin() {
        return listener == null ? null : listener.origin();
    }

    /** Stops the listener, if any, releasing its port and threads. */
    @Override
    @OutsideTheSpecification("the runtime's own lifecycle: no clause speaks of closing a runtime")
    public synchronized void close() {
        closed = true;
        if (listener != null) {
            try {
                listener.close();
            } finally {
                listener = null;
                dispatcher.listenerOrigin(null);
            }
        }
    }
}
