package dev.anvilcheck.hosting;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.anvilcheck.server.AppResponse;
import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.Endpoint;
import dev.anvilcheck.server.FormResponse;
import dev.anvilcheck.server.HttpResponse;
import dev.anvilcheck.server.ServerFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The platform's {@code http_endpoint} wrapper around an endpoint's body, run inside the call that
 * serves the request, wherever the endpoint lives (server code or an uplink): it moves to the
 * browser's session if the endpoint keeps sessions across sites (HTTP-27), authenticates (HTTP-08,
 * HTTP-09: any failure is the 401), refuses other methods or answers a CORS preflight (HTTP-06,
 * HTTP-07), runs the body with the request's keyword arguments (HTTP-05), and turns what it
 * returns into an {@link EndpointReply} with the CORS headers (HTTP-11..15, HTTP-19: a
 * {@link FormResponse} becomes the {@link AppResponse} it stands for). The 401 and 405 replies
 * carry no CORS headers, as the platform's.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class EndpointWrapper implements ServerFunction {
    private static final System.Logger LOG = System.getLogger(EndpointWrapper.class.getName());

    private static final String REALM = "Basic realm=\"Anvil App API\"";

    private final Endpoint endpoint;
    private final ServerFunction body;
    private final PathPattern pattern;
    private final Host host;

    /**
     * What the wrapper asks of the place it runs in: the session's user, logging a user in, and
     * moving to the browser's session (the platform's {@code anvil.users.get_user},
     * {@code login_with_email} and {@code anvil.server._switch_session}; HTTP-09, HTTP-20, HTTP-27).
     *
     * @since 0.1
     */
    public interface Host {
        /**
         * The request the current call serves (HTTP-20).
         *
         * @return the request
         */
        EndpointRequest request();

        /**
         * Moves the current call to the session of the browser that sent a cross-site request, if
         * it is one (HTTP-27); otherwise changes nothing.
         */
        void switchSession();

        /**
         * The user logged in on the current call's session, or {@code null} (HTTP-09).
         *
         * @return the user
         * @throws Exception if it cannot be asked, which the wrapper answers with 401
         */
        Object sessionUser() throws Exception;

        /**
         * Logs a user in with an email and password on the current call's session (HTTP-09).
         *
         * @param email the Basic user name, or {@code null}
         * @param password the Basic password, or {@code null}
         * @return the user, or {@code null} if the credentials are missing or wrong
         * @throws Exception if logging in failed, which the wrapper answers with 401
         */
        Object logIn(String email, String password) throws Exception;
    }

    /**
     * Wraps an endpoint's body (HTTP-01).
     *
     * @param endpoint the kind, path and options
     * @param body the body
     * @param host where the wrapper runs
     * @throws IllegalArgumentException if the path is not a valid pattern
     */
    public EndpointWrapper(Endpoint endpoint, ServerFunction body, Host host) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.body = Objects.requireNonNull(body, "body");
        this.host = Objects.requireNonNull(host, "host");
        this.pattern = PathPattern.compile(endpoint.path());
    }

    /**
     * The prefix of the commands a kind of endpoint serves, and of the names an uplink registers
     * for it: {@code http:}, {@code route:} or {@code http-wellknown:} (Uplink protocol §3.1,
     * HTTP-01). The platform's server calls {@code http:<path after /_/api>}, {@code route:<path>}
     * or {@code http-wellknown:<path after /.well-known>}.
     *
     * @param kind the kind of endpoint
     * @return the prefix, with its colon
     */
    public static String commandPrefix(Endpoint.Kind kind) {
        return switch (kind) {
            case HTTP_ENDPOINT -> "http:";
            case ROUTE -> "route:";
            case WELLKNOWN -> "http-wellknown:";
        };
    }

    /**
     * The name an uplink registers this endpoint under: its command prefix and its path pattern as
     * a regular expression, e.g. {@code http:/users/([^/]*)} (Uplink protocol §3.1).
     *
     * @return the name
     */
    public String registeredName() {
        return commandPrefix(endpoint.kind()) + pattern.regex();
    }

    /**
     * The endpoint this wrapper serves: its kind, path and options (HTTP-01, HTTP-06..09, HTTP-27).
     *
     * @return the endpoint
     */
    public Endpoint endpoint() {
        return endpoint;
    }

    /**
     * The endpoint's path pattern, which gives the body's path parameters (HTTP-03, HTTP-04).
     *
     * @return the pattern
     */
    public PathPattern pattern() {
        return pattern;
    }

    /**
     * Serves the request the host's call serves: {@code arguments} are the keyword arguments of
     * the body (HTTP-05), as {@link EndpointRequest#keywordArguments} gives them, or, when they are
     * empty, computed from the request and this endpoint's own path pattern, as the platform's
     * wrapper computes them.
     *
     * @param arguments the body's keyword arguments, or none
     * @return the {@link EndpointReply}
     * @throws Exception what the body raised
     */
    @Override
    public Object invoke(Arguments arguments) throws Exception {
        EndpointRequest request = host.request();
        if (endpoint.crossSiteSession()) {
            host.switchSession();
        }
        if (endpoint.authenticateUsers()) {
            Object user;
            try {
                user = host.sessionUser();
                if (user == null) {
                    user = host.logIn(request.username(), request.password());
                }
            } catch (Exception e) {
                LOG.log(System.Logger.Level.DEBUG, "Logging the request's user in failed; answering 401", e);
                user = null;
            }
            if (user == null) {
                return unauthorized();
            }
            request.authenticated(user);
        } else if (endpoint.requireCredentials() && (request.username() == null || request.password() == null)) {
            return unauthorized();
        }
        if (!endpoint.methods().contains(request.method())) {
            if (request.method().equals("OPTIONS") && corsOrigin(request) != null) {
                return new EndpointReply(200, "", cors(new ArrayList<>(), request));
            }
            return new EndpointReply(405, "Method not supported", List.of(Map.entry("allow",
                    String.join(", ", endpoint.methods()))));
        }
        Map<String, Object> kwargs = arguments.kwargs().isEmpty()
                ? request.keywordArguments(pattern.match(request.path())) : arguments.kwargs();
        Object result = body.invoke(new Arguments(List.of(), kwargs));
        if (result instanceof HttpResponse response) {
            List<Map.Entry<String, String>> headers = new ArrayList<>();
            response.headers().forEach((name, values) -> values.forEach(v -> headers.add(Map.entry(name, v))));
            return new EndpointReply(response.status(), appResponse(response.body()), cors(headers, request));
        }
        return new EndpointReply(200, appResponse(result), cors(new ArrayList<>(), request));
    }

    private static Object appResponse(Object body) {
        return body instanceof FormResponse form ? AppResponse.of(form) : body;
    }

    private static EndpointReply unauthorized() {
        return new EndpointReply(401, "Unauthorized", List.of(Map.entry("www-authenticate", REALM)));
    }

    /** The origin CORS allows: the endpoint's, else the app's alternate origin the request came from. */
    private String corsOrigin(EndpointRequest request) {
        return endpoint.allowOrigin() != null ? endpoint.allowOrigin() : request.alternateOrigin();
    }

    /** Adds the CORS headers, replacing any of the same names (HTTP-07). */
    private List<Map.Entry<String, String>> cors(List<Map.Entry<String, String>> headers, EndpointRequest request) {
        String origin = corsOrigin(request);
        if (origin == null) {
            return headers;
        }
        List<String> allowed = new ArrayList<>(List.of("content-type"));
        String requested = request.headers().get("access-control-request-headers");
        if (requested != null) {
            for (String h : requested.split(",")) {
                String name = h.trim().toLowerCase(Locale.ROOT);
                if (!name.isEmpty() && !allowed.contains(name)) {
                    allowed.add(name);
                }
            }
        }
        headers.removeIf(e -> e.getKey().equals("access-control-allow-origin")
                || e.getKey().equals("access-control-allow-headers"));
        headers.add(Map.entry("access-control-allow-origin", origin));
        headers.add(Map.entry("access-control-allow-headers", String.join(", ", allowed)));
        return headers;
    }
}
