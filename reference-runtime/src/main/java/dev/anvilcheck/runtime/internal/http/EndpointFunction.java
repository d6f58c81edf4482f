package dev.anvilcheck.runtime.internal.http;

import dev.anvilcheck.server.AppResponse;
import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.CallScope;
import dev.anvilcheck.server.Endpoint;
import dev.anvilcheck.server.FormResponse;
import dev.anvilcheck.server.HttpResponse;
import dev.anvilcheck.server.ServerFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The function registered for an endpoint, wrapping the user's body as the platform's decorator
 * does, inside the call: it authenticates (HTTP-08, HTTP-09), refuses other methods or answers a
 * CORS preflight (HTTP-06, HTTP-07), runs the body with the request's keyword arguments (HTTP-05)
 * and turns what it returns into a {@link Reply} with the CORS headers (HTTP-11..15, HTTP-19).
 */
final class EndpointFunction implements ServerFunction {
    private static final String REALM = "Basic realm=\"Anvil App API\"";

    private final Endpoint endpoint;
    private final ServerFunction body;
    private final UserAccounts accounts;

    EndpointFunction(Endpoint endpoint, ServerFunction body, UserAccounts accounts) {
        this.endpoint = endpoint;
        this.body = body;
        this.accounts = accounts;
    }

    @Override
    public Object invoke(Arguments arguments) throws Exception {
        CallScope scope = CallScope.current();
        EndpointRequest request = (EndpointRequest) scope.request();
        if (endpoint.authenticateUsers()) {
            Object user = scope.user();
            if (user == null) {
                user = accounts.logIn(request.username(), request.password());
            }
            if (user == null) {
                return unauthorized();
            }
            request.authenticated(user);
        } else if (endpoint.requireCredentials() && (request.username() == null || request.password() == null)) {
            return unauthorized();
        }
        if (!endpoint.methods().contains(request.method())) {
            if (request.method().equals("OPTIONS") && endpoint.allowOrigin() != null) {
                return new Reply(200, "", cors(new ArrayList<>(), request));
            }
            return new Reply(405, "Method not supported", List.of(Map.entry("allow",
                    String.join(", ", endpoint.methods()))));
        }
        Object result = body.invoke(arguments);
        if (result instanceof HttpResponse response) {
            List<Map.Entry<String, String>> headers = new ArrayList<>();
            response.headers().forEach((name, values) -> values.forEach(v -> headers.add(Map.entry(name, v))));
            return new Reply(response.status(), appResponse(response.body()), cors(headers, request));
        }
        return new Reply(200, appResponse(result), cors(new ArrayList<>(), request));
    }

    private static Object appResponse(Object body) {
        return body instanceof FormResponse form ? AppResponse.of(form) : body;
    }

    private static Reply unauthorized() {
        return new Reply(401, "Unauthorized", List.of(Map.entry("www-authenticate", REALM)));
    }

    /** Adds the CORS headers, replacing any of the same names (HTTP-07). */
    private List<Map.Entry<String, String>> cors(List<Map.Entry<String, String>> headers, EndpointRequest request) {
        String origin = endpoint.allowOrigin();
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
