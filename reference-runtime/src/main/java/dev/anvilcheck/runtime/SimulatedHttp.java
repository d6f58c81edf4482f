package dev.anvilcheck.runtime;

import dev.anvilcheck.runtime.internal.Dispatcher;
import dev.anvilcheck.runtime.internal.OutsideTheSpecification;
import dev.anvilcheck.runtime.internal.SessionRecord;
import dev.anvilcheck.runtime.internal.http.HttpService;
import dev.anvilcheck.spi.CallerKind;
import dev.anvilcheck.spi.HttpSender;
import dev.anvilcheck.spi.RawHttpRequest;
import dev.anvilcheck.spi.RawHttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An HTTP client of the app, in memory. {@link #get}, {@link #post} and {@link #request} send
 * requests to the app's endpoints, routes and well-known endpoints without a socket, and give
 * exactly the response a client gets over {@link AnvilRuntime#listen()} (HTTP-01..29): for
 * example {@code runtime.http().get("/_/api/users/7")}. A request runs in a new session of type
 * {@code http}, or, with {@link #withBrowserSession(SimulatedBrowser)}, in that browser's session
 * (CTX-04, HTTP-27). Its remote address is the {@link #ip(String) IP} set on this client.
 *
 * <p>As a {@link dev.anvilcheck.spi.Caller} it also calls functions by name as an untrusted
 * {@code http} caller (HTTP-29, CTX-06), each call in a brand-new session of type {@code http}
 * (CTX-04); a user set with {@link #user(Object)} is logged in on each of those calls.
 * {@link #sessionData()} and {@link #sessionId()} describe the last call's session.
 *
 * @since 0.1
 */
public final class SimulatedHttp extends SimulatedCaller<SimulatedHttp> implements HttpSender {
    private final HttpService http;
    private volatile Object requestUser;
    private volatile String cookie;
    private final Map<String, String> defaultHeaders = new java.util.concurrent.ConcurrentHashMap<>();

    SimulatedHttp(Dispatcher dispatcher, HttpService http) {
        super(dispatcher, CallerKind.HTTP, "http", "127.0.0.1", null);
        this.http = http;
    }

    @Override
    SessionRecord sessionForCall() {
        SessionRecord fresh = newSession();
        fresh.user(requestUser);
        session = fresh;
        return fresh;
    }

    /**
     * Logs {@code user} in on every later call's session; {@code null} stops. Requests to
     * endpoints are not affected: they log users in with Basic credentials (HTTP-09) or run in a
     * browser's session.
     *
     * @param user the user
     * @return this caller
     */
    @Override
    public SimulatedHttp user(Object user) {
        requestUser = user;
        return super.user(user);
    }

    /**
     * Not possible: every request starts a new session (CTX-04).
     *
     * @param key the key
     * @param value the value
     * @throws UnsupportedOperationException always
     */
    @Override
    public void putSession(String key, Object value) {
        throw new UnsupportedOperationException("An HTTP request without a browser session starts a new, empty"
                + " session every time (CTX-04), so there is no session to pre-fill; use a browser() caller for"
                + " session state");
    }

    /**
     * Sends the session cookie of {@code browser} with every later request, so that requests from
     * the app's own site run in that browser's session (CTX-04, HTTP-27); {@code null} stops.
     *
     * @param browser the browser, or {@code null}
     * @return this client
     */
    @OutsideTheSpecification("the runtime's Java convenience API, which ReferenceRuntimeAdapter never calls, so the"
            + " SPI cannot reach it (an HTTP caller's fluent set-up of a browser's session)")
    public SimulatedHttp withBrowserSession(SimulatedBrowser browser) {
        this.cookie = browser == null ? null : browser.sessionCookie();
        return this;
    }

    /**
     * Sends header {@code name} with every later request of this client, unless the request sets
     * it itself (HTTP-22: endpoints see header names in lower case); e.g. an API key or a
     * webhook's signature.
     *
     * @param name the header's name
     * @param value its value
     * @return this client
     */
    @OutsideTheSpecification("the runtime's Java convenience API, which ReferenceRuntimeAdapter never calls, so the"
            + " SPI cannot reach it (an HTTP caller's fluent set-up of its headers)")
    public SimulatedHttp withHeader(String name, String value) {
        defaultHeaders.put(Objects.requireNonNull(name, "name").toLowerCase(java.util.Locale.ROOT),
                Objects.requireNonNull(value, "value"));
        return this;
    }

    /**
     * Sends a {@code GET} request.
     *
     * @param target the path and query, e.g. {@code /_/api/users/7?full=true}
     * @return the response
     */
    @OutsideTheSpecification("the runtime's Java API, which ReferenceRuntimeAdapter never calls")
    public RawHttpResponse get(String target) {
        return send(RawHttpRequest.get(target));
    }

    /**
     * Sends a {@code POST} request with a body.
     *
     * @param target the path and query
     * @param contentType the body's content type, or {@code null} for none
     * @param body the body
     * @return the response
     */
    @OutsideTheSpecification("the runtime's Java convenience API, which ReferenceRuntimeAdapter never calls, so the"
            + " SPI cannot reach it (a shorthand for an HTTP POST)")
    public RawHttpResponse post(String target, String contentType, byte[] body) {
        return send(RawHttpRequest.of("POST", target).withBody(contentType, body));
    }

    /**
     * Sends a {@code POST} request with a text body, encoded as UTF-8.
     *
     * @param target the path and query
     * @param contentType the body's content type, e.g. {@code application/json}
     * @param body the body
     * @return the response
     */
    @OutsideTheSpecification("the runtime's Java convenience API, which ReferenceRuntimeAdapter never calls, so the"
            + " SPI cannot reach it (a shorthand for an HTTP POST)")
    public RawHttpResponse post(String target, String contentType, String body) {
        return post(target, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends any request.
     *
     * @param method the method, e.g. {@code PUT}
     * @param target the path and query
     * @param headers the headers, or {@code null}
     * @param body the body, or {@code null}
     * @return the response
     */
    @OutsideTheSpecification("the runtime's Java API, which ReferenceRuntimeAdapter never calls")
    public RawHttpResponse request(String method, String target, Map<String, String> headers, byte[] body) {
        Map<String, List<String>> multi = new LinkedHashMap<>();
        if (headers != null) {
            headers.forEach((k, v) -> multi.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
        }
        return send(new RawHttpRequest(method, target, multi, body));
    }

    /**
     * Sends a request and waits for its response (HTTP-01..29).
     *
     * @param request the request
     * @return the response
     */
    @Override
    public RawHttpResponse send(RawHttpRequest request) {
        Objects.requireNonNull(request, "request");
        return http.serve(withSetUp(request), ipAddress()).response();
    }

    /** {@code request} with the headers and the browser's cookie this caller's set-up adds. */
    @OutsideTheSpecification("the headers and cookie of withHeader and withBrowserSession, Java API the SPI never calls")
    private RawHttpRequest withSetUp(RawHttpRequest request) {
        String withCookie = cookie;
        RawHttpRequest sent = request;
        if (!defaultHeaders.isEmpty()) {
            Map<String, List<String>> headers = new LinkedHashMap<>(request.headers());
            defaultHeaders.forEach((name, value) -> {
                if (request.header(name) == null) {
                    headers.put(name, List.of(value));
                }
            });
            sent = new RawHttpRequest(request.method(), request.target(), headers, request.body());
        }
        if (withCookie != null) {
            String existing = sent.header("cookie");
            Map<String, List<String>> headers = new LinkedHashMap<>(sent.headers());
            headers.put("cookie", List.of(existing == null ? withCookie : existing + "; " + withCookie));
            sent = new RawHttpRequest(sent.method(), sent.target(), headers, sent.body());
        }
        return sent;
    }
}
