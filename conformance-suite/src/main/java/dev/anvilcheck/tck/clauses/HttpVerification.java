package dev.anvilcheck.tck.clauses;

import static dev.anvilcheck.server.Kwargs.kw;

import dev.anvilcheck.media.BlobMedia;
import dev.anvilcheck.media.Media;
import dev.anvilcheck.server.AnvilServer;
import dev.anvilcheck.server.AppResponder;
import dev.anvilcheck.server.CallContext;
import dev.anvilcheck.server.Endpoint;
import dev.anvilcheck.server.FormResponse;
import dev.anvilcheck.server.HttpEndpoint;
import dev.anvilcheck.server.HttpRequest;
import dev.anvilcheck.server.HttpResponse;
import dev.anvilcheck.server.Route;
import dev.anvilcheck.server.ServerFunction;
import dev.anvilcheck.server.UplinkDisconnectedError;
import dev.anvilcheck.spi.BrowserCaller;
import dev.anvilcheck.spi.Caller;
import dev.anvilcheck.spi.CallerKind;
import dev.anvilcheck.spi.Feature;
import dev.anvilcheck.spi.HttpSender;
import dev.anvilcheck.spi.RawHttpRequest;
import dev.anvilcheck.spi.RawHttpResponse;
import dev.anvilcheck.spi.RuntimeUnderTest;
import dev.anvilcheck.tck.ConformanceExtension;
import dev.anvilcheck.tck.Expect;
import dev.anvilcheck.tck.RequiresFeature;
import dev.anvilcheck.tck.TestEnvironment;
import dev.anvilcheck.tck.internal.Describe;
import dev.anvilcheck.uplink.Uplink;
import dev.anvilcheck.users.Users;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Conformance tests of section 2.9, HTTP: endpoints, and of MISC-01, MISC-03 and MISC-04 (origins,
 * startup data, {@code AppResponder}). Every test that sends requests runs twice, once per
 * {@link HttpTransport}: in memory and over a real socket on the loopback interface; both must
 * give the same results. Endpoint bodies record what they saw on the test's side, so that the
 * suite reads nothing from response bodies but what the clauses fix. Tests that register endpoints
 * need {@link Feature#HTTP_ENDPOINTS}; the socket transport also needs
 * {@link Feature#HTTP_LOOPBACK}.
 *
 * @since 0.1
 */
@ExtendWith(ConformanceExtension.class)
@DisplayName("HTTP: endpoints; MISC: origins, startup data, AppResponder")
public class HttpVerification {
    private static final String OVER = "over {0}";
    private static final String EXCEPTION_BODY = "An exception was raised. Check the application logs for details.";

    // ---------------------------------------------------------------- helpers

    /** A sender for one test, labelling failures with the request and the transport. */
    private record Client(String clause, HttpTransport transport, HttpSender sender) {
        Reply send(RawHttpRequest request) {
            String label = request.method() + " " + request.target() + " " + transport;
            return new Reply(this, label, Expect.returns(clause, CallerKind.HTTP, label, () -> sender.send(request)));
        }

        Reply get(String target) {
            return send(RawHttpRequest.get(target));
        }
    }

    /** A response, with checks that fail on the test's clause. */
    private record Reply(Client client, String label, RawHttpResponse response) {
        Reply status(int expected) {
            Expect.equal(client.clause, CallerKind.HTTP, label, "status", expected, response.status());
            return this;
        }

        Reply text(String expected) {
            Expect.equal(client.clause, CallerKind.HTTP, label, "body", expected, response.text());
            return this;
        }

        Reply header(String name, String expected) {
            Expect.equal(client.clause, CallerKind.HTTP, label, "header " + name, expected, response.header(name));
            return this;
        }

        Reply contentType(String expected) {
            String seen = response.header("content-type");
            Expect.equal(client.clause, CallerKind.HTTP, label, "content-type", squash(expected),
                    seen == null ? null : squash(seen));
            return this;
        }

        Reply json(String expected) {
            contentType("application/json");
            Expect.equal(client.clause, CallerKind.HTTP, label, "JSON body", expected, compactJson(response.text()));
            return this;
        }

        Reply bodyStartsWith(String prefix) {
            Expect.that(client.clause, CallerKind.HTTP, label, response.text().startsWith(prefix),
                    "a body beginning " + Describe.value(prefix), "body " + Describe.value(response.text()));
            return this;
        }
    }

    private static Client client(HttpTransport transport, TestEnvironment env) {
        return new Client(env.clause(), transport, transport.open(env));
    }

    private static String squash(String mediaType) {
        return mediaType.replace(" ", "").toLowerCase(Locale.ROOT);
    }

    /** JSON text without insignificant whitespace, so that {@code {"a": 1}} equals {@code {"a":1}}. */
    private static String compactJson(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                out.append(c);
                if (c == '\\' && i + 1 < text.length()) {
                    out.append(text.charAt(++i));
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
                out.append(c);
            } else if (!Character.isWhitespace(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** An endpoint that records the request and the keyword arguments it received, and returns "ok". */
    private static final class Probe implements ServerFunction {
        final AtomicReference<HttpRequest> request = new AtomicReference<>();
        final AtomicReference<Map<String, Object>> kwargs = new AtomicReference<>();
        final AtomicReference<CallContext> context = new AtomicReference<>();
        final AtomicReference<String> sessionId = new AtomicReference<>();
        final AtomicReference<Object> user = new AtomicReference<>();
        final AtomicInteger runs = new AtomicInteger();
        private final Object result;

        Probe(Object result) {
            this.result = result;
        }

        @Override
        public Object invoke(dev.anvilcheck.server.Arguments arguments) {
            runs.incrementAndGet();
            request.set(AnvilServer.request());
            kwargs.set(arguments.kwargs());
            context.set(AnvilServer.context());
            sessionId.set(AnvilServer.session().sessionId());
            user.set(Users.getUser());
            return result;
        }

        static Probe at(RuntimeUnderTest rt, Endpoint endpoint) {
            Probe probe = new Probe("ok");
            rt.registerEndpoint(endpoint, probe);
            return probe;
        }
    }

    private static void ran(Client c, Probe probe, int times, String label) {
        Expect.equal(c.clause(), CallerKind.HTTP, label, "runs of the endpoint body", times, probe.runs.get());
    }

    private static String appOrigin(RuntimeUnderTest rt) {
        rt.register("app_origin", a -> AnvilServer.getAppOrigin());
        Caller server = rt.caller(CallerKind.SERVER_MODULE);
        return (String) Expect.returns("MISC-01", server, "app_origin", () -> server.call("app_origin"));
    }

    // ---------------------------------------------------------------- HTTP-01, HTTP-02

    @ParameterizedTest(name = OVER)
    @EnumSource(HttpTransport.class)
    @RequiresFeature(Feature.HTTP_ENDPOINTS)
    @DisplayName("[HTTP-01] http_endpoint serves under /_/api, route at the root, wellknown_endpoint under /.well-known")
    void optional_HTTP_01_eachDecoratorServesUnderItsPrefix(HttpTransport transport, TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        rt.registerEndpoint(Endpoint.http("/where"), a -> "api");
        rt.registerEndpoint(Endpoint.route("/where"), a -> "route");
        rt.registerEndpoint(Endpoint.wellknown("/where"), a -> "wellknown");
        Client c = client(transport, env);
        c.get("/_/api/where").status(200).text("api");
        c.get("/where").status(200).text("route");
        c.get("/.well-known/where").status(200).text("wellknown");
    }

    /** A server module whose endpoints are declared as an app's decorators declare them (HTTP-01). */
    public static final class DecoratedEndpoints {
        /** Creates the module. */
        public DecoratedEndpoints() {}

        /**
         * {@code @anvil.server.http_endpoint("/decorated")}.
         *
         * @return a marker
         */
        @HttpEndpoint("/decorated")
        public String api() {
            return "decorated api";
        }

        /**
         * {@code @anvil.server.route("/decorated")}.
         *
         * @return a marker
         */
        @Route("/decorated")
        public String route() {
            return "decorated route";
        }
    }

    @ParameterizedTest(name = OVER)
    @EnumSource(HttpTransport.class)
    @RequiresFeature(Feature.HTTP_ENDPOINTS)
    @DisplayName("[HTTP-01] the decorated endpoints of a server module are served once the module is registered")
    void optional_HTTP_01_decoratedEndpointsOfAModuleAreServed(HttpTransport transport, TestEnvironment env) {
        env.runtime().registerModule(new DecoratedEndpoints());
        Client c = client(transport, env);
        c.get("/_/api/decorated").status(200).text("decorated api");
        c.get("/decorated").status(200).text("decorated route");
    }

    @ParameterizedTest(name = OVER)
    @EnumSource(HttpTransport.class)
    @RequiresFeature(Feature.HTTP_ENDPOINTS)
    @DisplayName("[HTTP-01] paths under /_/ other than /_/api/ are the platform's own: no route serves them, even one"
            + " whose parameters match (404)")
    void optional_HTTP_01_platformPathsAreNoRoutes(HttpTransport transport, TestEnvironment env) {
        AtomicInteger entered = new AtomicInteger();
        env.runtime().registerEndpoint(Endpoint.route("/:first/:second"), a -> {
            entered.incrementAndGet();
            return "route";
        });
        Client c = client(transport, env);
        c.get("/any/where").status(200).text("route");
        c.get("/_/http01_private").status(404);
        Expect.equal(CallerKind.HTTP, "/:first/:second", "times the route ran", 1, entered.get());
    }

    @ParameterizedTest(name = OVER)
    @EnumSource(HttpTransport.class)
    @RequiresFeature(Feature.HTTP_ENDPOINTS)
    @DisplayName("[HTTP-02] get_api_origin() is get_app_origin() followed by /_/api")
    void optional_HTTP_02_apiOriginIsAppOriginPlusApi(HttpTransport transport, TestEnvironment env) {
        AtomicReference<List<String>> seen = new AtomicReference<>();
        env.runtime().registerEndpoint(Endpoint.http("/origins"), a -> {
            seen.set(List.of(AnvilServer.getAppOrigin(), AnvilServer.getApiOrigin(),
                    AnvilServer.getAppOrigin("published"), AnvilServer.getApiOrigin("published")));
            return "ok";
        });
        client(transport, env).get("/_/api/origins").status(200);
        List<String> o = seen.get();
        Expect.equal(CallerKind.HTTP, "/origins", "get_api_origin()", o.get(0) + "/_/api", o.get(1));
        Expect.equal(CallerKind.HTTP, "/origins", "get_api_origin('published')", o.get(2) + "/_/api",
                o.get(3));
    }

    // ---------------------------------------------------------------- endpoints an uplink registers (UPL-05, ERR-08, CALL-08)

    /** A server-key uplink providing {@code endpoints}, each returning its text and its {@code id} path parameter. */
    private static Uplink endpointUplink(String clause, RuntimeUnderTest rt, Map<Endpoint, String> endpoints) {
        Uplink.Builder builder = RealUplinks.server(rt);
        endpoints.forEach((endpoint, text) -> builder.registerEndpoint(endpoint,
                a -> a.kwargs().containsKey("id") ? text + " " + a.kwargs().get("id") : text));
        return RealUplinks.connectServer(clause, builder);
    }

    /**
     * Asks for {@code target} until it is no longer answered with status 200, within the environment's
     * timeout: the runtime notices an uplink's leaving a moment after the connection closes.
     */
    private static Reply afterTheUplinkLeft(Client c, TestEnvironment env, String target) {
        long deadline = System.nanoTime() + env.timeout().toNanos();
        Reply reply = c.get(target);
        while (reply.response().status() == 200 && System.nanoTime() < deadline) {
            reply = c.get(target);
        }
        return reply;
    }

    @ParameterizedTest(name = OVER)
    @EnumSource(HttpTransport.class)
    @RequiresFeature({Feature.HTTP_ENDPOINTS, Feature.UPLINK_WIRE})
    @DisplayName("[UPL-05] endpoints a server-key uplink registers serve the app's HTTP requests, whole paths only")
    void optional_UPL_05_uplinkEndpointsServeHttpRequests(HttpTransport transport, TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        Map<Endpoint, String> endpoints = new java.util.LinkedHashMap<>();
        endpoints.put(Endpoint.http("/upl05/items/:id"), "item");
        endpoints.put(Endpoint.http("/upl05/plain"), "plain");
        endpoints.put(Endpoint.route("/upl05-route"), "route");
        try (Uplink uplink = endpointUplink("UPL-05", rt, endpoints)) {
            Client c = client(transport, env);
            c.get("/_/api/upl05/items/7").status(200).text("item 7");
            c.get("/_/api/upl05/plain").status(200).text("plain");
            c.get("/upl05-route").status(200).text("route");
            c.get("/_/api/upl05/items/7/more").status(404);
            c.get("/_/api/upl05/plain/more").status(404);
            c.get("/_/api/upl05").status(404);
        }
    }

    @ParameterizedTest(name = OVER)
    @EnumSource(HttpTransport.class)
    @RequiresFeature({Feature.HTTP_ENDPOINTS, Feature.UPLINK_WIRE})
    @DisplayName("[ERR-08] once the only uplink serving an endpoint has left, its requests fail with the exception"
            + " response (UplinkDisconnectedError), not 404; other paths still get 404")
    void optional_ERR_08_endpointOfADisconnectedUplinkFails(HttpTransport transport, TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        Client c = client(transport, env);
        Map<Endpoint, String> endpoints = new java.util.LinkedHashMap<>();
        endpoints.put(Endpoint.http("/err08/:id"), "served");
        endpoints.put(Endpoint.route("/err08-route"), "route");
        try (Uplink uplink = endpointUplink("ERR-08", rt, endpoints)) {
            c.get("/_/api/err08/1").status(200).text("served 1");
            uplink.disconnect();
            afterTheUplinkLeft(c, env, "/_/api/err08/1").status(500).text(EXCEPTION_BODY);
            c.get("/_/api/err08/2").status(500);
            c.get("/err08-route").status(500);
            c.get("/_/api/err08/1/more").status(404);
            c.get("/_/api/err08-never-registered").status(404);
        }
    }

    @ParameterizedTest(name = OVER)
    @EnumSource(HttpTransport.class)
    @RequiresFeature({Feature.HTTP_ENDPOINTS, Feature.UPLINK_WIRE})
    @DisplayName("[CALL-08] of two uplinks serving the same endpoint, the one still connected serves it alone once"
            + " the other has left")
    void optional_CALL_08_endpointServedByTheUplinkStillConnected(HttpTransport transport, TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        Client c = client(transport, env);
        Map<Endpoint, String> first = new java.util.LinkedHashMap<>();
        first.put(Endpoint.http("/call08/shared"), "first");
        first.put(Endpoint.http("/call08/first"), "first");
        Map<Endpoint, String> second = new java.util.LinkedHashMap<>();
        second.put(Endpoint.http("/call08/shared"), "second");
        second.put(Endpoint.http("/call08/second"), "second");
        try (Uplink staying = endpointUplink("CALL-08", rt, first);
                Uplink leaving = endpointUplink("CALL-08", rt, second)) {
            c.get("/_/api/call08/first").status(200).text("first");
            c.get("/_/api/call08/second").status(200).text("second");
            leaving.disconnect();
            afterTheUplinkLeft(c, env, "/_/api/call08/second");
            for (int i = 0; i < 6; i++) {
                c.get("/_/api/call08/shared").status(200).text("first");
            }
            c.get("/_/api/call08/first").status(200).text("first");
        }
    }

    // ---------------------------------------------------------------- HTTP-03 .. HTTP-05

    @ParameterizedTest(name = OVER)
    @EnumSource(HttpTransport.class)
    @RequiresFeature(Feature.HTTP_ENDPOINTS)
    @DisplayName("[HTTP-03] :name matches one segment, possibly empty, mid-path and several, as str kwargs")
    void optional_HTTP_03_pathParametersMatchOneSegment(HttpTransport transport, TestEnvironment env) {
        Probe probe = Probe.at(env.runtime(), Endpoint.http("/users/:id/history/:item"));
        Client c = client(transport, env);
        c.get("/_/api/users/7/history/42").status(200);
        Expect.equal(CallerKind.HTTP, "/users/:id/history/:item", "keyword arguments",
                Map.of("id", "7", "item", "42"), probe.kwargs.get());
        c.get("/_/api/users//history/").status(200);
        Expect.equal(CallerKind.HTTP, "/users/:id/history/:item", "keyword arguments of empty segments",
                Map.of("id", "", "item", ""), probe.kwargs.get());
        c.get("/_/api/users/a/b/history/1").status(404);
        ran(c, probe, 2, "/users/:id/history/:item");
    }

    @ParameterizedTest(name = OVER)
    @EnumSource(HttpTransport.class)
    @RequiresFeature(Feature.HTTP_ENDPOINTS)
    @DisplayName("[HTTP-03] percent-encoded path parameters arrive decoded or raw (Q-08)")
    void optional_HTTP_03_encodedPathParameters(HttpTransport transport, TestEnvironment env) {
        Probe probe = Probe.at(env.runtime(), Endpoint.http("/users/:name"));
        client(transport, env).get("/_/api/users/John%20Smith").status(200);
        Object name = probe.kwargs.get().get("name");
        Expect.that(CallerKind.HTTP, "/users/:name", "John Smith".equals(name) || "John%20Smith".equals(name),
                "name = 'John Smith' (decoded) or 'John%20Smith' (raw)", "name = " + Describe.value(name));
        env.note("Q-08", "John%20Smith".equals(name) ? "raw" : "decoded");
    }

    @ParameterizedTest(name = OVER)
    @EnumSource(HttpTransport.class)
    @RequiresFeature(Feature.HTTP_ENDPOINTS)
    @DisplayName("[HTTP-04] the whole path must match, and the first registered endpoint wins")
    void optional_HTTP_04_anchoredMatchFirstRegisteredWins(HttpTransport transport, TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        rt.registerEndpoint(Endpoint.http("/items/:id"), a -> "first");
        rt.registerEndpoint(Endpoint.http("/items/special"), a -> "second");
        rt.registerEndpoint(Endpoint.http("/exact"), a -> "exact");
        Client c = client(transport, env);
        c.get("/_/api/items/special").status(200).text("first");
        c.get("/_/api/exact").status(200).text("exact");
        c.get("/_/api/exact/more").status(404);
        c.get("/_/api/prefix/exact").status(404);
    }

    @ParameterizedTest(name = OVER)
    @EnumSource(HttpTransport.class)
    @RequiresFeature(Feature.HTTP_ENDPOINTS)
    @DisplayName("[CALL-10] registering an endpoint's path again replaces its function, in its place in the order")
    void optional_CALL_10_reregisteredEndpointKeepsItsPlace(HttpTransport transport, TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        rt.registerEndpoint(Endpoint.http("/items/:id"), a -> "first");
        rt.registerEndpoint(Endpoint.http("/items/special"), a -> "second");
        rt.registerEndpoint(Endpoint.http("/items/:id"), a -> "replaced");
        Client c = client(transport, env);
        c.get("/_/api/items/special").status(200).text("replaced");
        c.get("/_/api/items/7").status(200).text("replaced");
    }

    @ParameterizedTest(name = OVER)
    @EnumSource(HttpTransport.class)
    @RequiresFeature(Feature.HTTP_ENDPOINTS)
    @DisplayName("[HTTP-05] kwargs are form parameters, overridden by query, overridden by path parameters")
    void optional_HTTP_05_formThenQueryThenPath(HttpTransport transport, TestEnvironment env) {
        Probe probe = Probe.at(env.runtime(), Endpoint.http("/k/:a"));
        client(transport, env).send(RawHttpRequest.of("POST", "/_/api/k/path?a=query&b=query")
                .withBody("application/x-www-form-urlencoded", "a=form&b=form&c=form")).status(200);
        Expect.equal(CallerKind.HTTP, "/k/:a", "keyword arguments",
                new TreeMap<>(Map.of("a", "path", "b", "query", "c", "form")), probe.kwargs.get());
    }

    @ParameterizedTest(name = OVER)
    @EnumSource(HttpTransport.class)
    @RequiresFeature(Feature.HTTP_ENDPOINTS)
    @DisplayName("[HTTP-05] an endpoint that cannot accept a keyword it receives fails with 500")
    void optional_HTTP_05_unacceptedKeywordGives500(HttpTransport transport, TestEnvironment env) {
        env.runtime().registerEndpoint(Endpoint.http("/strict"), a -> {
            for (String key : a.kwargs().keySet()) {
                if (!key.equals("a")) {
                    throw new dev.anvilcheck.python.TypeError("strict() got an unexpected keyword argument '" + key + "'");
                }
            }
            return "ok";
        });
        Client c = client(transport, env);
        c.get("/_/api/strict?a=1").status(200);
        c.get("/_/api/strict?a=1&b=2").status(500);
    }

    // ---------------------------------------------------------------- HTTP-06, HTTP-07

    @ParameterizedTest(name = OVER)
    @EnumSource(HttpTransport.class)
    @RequiresFeature(Feature.HTTP_ENDPOINTS)
    @DisplayName("[HTTP-06] GET and POST by default; another method gets 405, 'Method not supported' and Allow")
    void optional_HTTP_06_otherMethodsGet405WithAllow(HttpTransport transport, TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        Probe defaults = Probe.at(rt, Endpoint.http("/d"));
        Probe limited = Probe.at(rt, Endpoint.http("/m").withMethods("GET", "PUT"));
        Client c = client(transport, env);
        c.get("/_/api/d").status(200);
        c.send(RawHttpRequest.of("POST", "/_/api/d")).status(200);
        c.send(RawHttpRequest.of("PUT", "/_/api/d")).status(405).text("Method not supported").header("allow", "GET, POST");
        c.send(RawHttpRequest.of("DELETE", "/_/api/m")).status(405).text("Method not supported")
                .header("allow", "GET, PUT");
        ran(c, defaults, 2, "/d");
        ran(c, limited, 0, "/m");
    }

    @ParameterizedTest(name = OVER)
    @EnumSource(HttpTransport.class)
    @RequiresFeature(Feature.HTTP_ENDPOINTS)
    @DisplayName("[HTTP-07] enable_cors adds Allow-Origin and Allow-Headers, and answers OPTIONS preflights")
    void optional_HTTP_07_corsHeadersAndPreflight(HttpTransport transport, TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        Probe any = Probe.at(rt, Endpoint.http("/any").withCors());
        rt.registerEndpoint(Endpoint.http("/one").withCorsOrigin("https://client.example"), a -> "ok");
        Client c = client(transport, env);
        c.send(RawHttpRequest.of("OPTIONS", "/_/api/any").withHeader("Access-Control-Request-Headers", "X-Token"))
                .status(200).text("").header("access-control-allow-origin", "*")
                .header("access-control-allow-headers", "content-type, x-token");
        ran(c, any, 0, "/any");
        c.get("/_/api/any").status(200).header("access-control-allow-origin", "*")
                .header("access-control-allow-headers", "content-type");
        c.get("/_/api/one").status(200).header("access-control-allow-origin", "https://client.example");
    }

    // ---------------------------------------------------------------- HTTP-08 .. HTTP-10

    @ParameterizedTest(name = OVER)
    @EnumSource(HttpTransport.class)
    @RequiresFeature(Feature.HTTP_ENDPOINTS)
    @DisplayName("[HTTP-08] require_credentials without Basic credentials gives 401 and WWW-Authenticate")
    void optional_HTTP_08_missingCredentialsGive401(HttpTransport transport, TestEnvironment env) {
        Probe probe = Probe.at(env.runtime(), Endpoint.http("/c").withRequireCredentials());
        Client c = client(transport, env);
        c.get("/_/api/c").status(401).text("Unauthorized").header("www-authenticate", "Basic realm=\"Anvil App API\"");
        ran(c, probe, 0, "/c");
        c.send(RawHttpRequest.get("/_/api/c").withHeader("Authorization", basic("any", "thing"))).status(200);
        ran(c, probe, 1, "/c");
        Expect.equal(CallerKind.HTTP, "/c", "request.username", "any", probe.request.get().username());
    }

    @ParameterizedTest(name = OVER)
    @EnumSource(HttpTransport.class)
    @RequiresFeature({Feature.HTTP_ENDPOINTS, Feature.USER_ACCOUNTS})
    @DisplayName("[HTTP-09] authenticate_users logs in with email and password, else 401; request.user is the user")
    void optional_HTTP_09_authenticateUsersWithBasicCredentials(HttpTransport transport, TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        rt.addUser("ada@example.com", "s3cret", Probes.USER);
        Probe probe = Probe.at(rt, Endpoint.http("/me").withAuthenticateUsers());
        Probe off = Probe.at(rt, Endpoint.http("/plain"));
        Client c = client(transport, env);
        c.get("/_/api/me").status(401).text("Unauthorized").header("www-authenticate", "Basic realm=\"Anvil App API\"");
        c.send(RawHttpRequest.get("/_/api/me").withHeader("Authorization", basic("ada@example.com", "wrong")))
                .status(401);
        ran(c, probe, 0, "/me");
        c.send(RawHttpRequest.get("/_/api/me").withHeader("Authorization", basic("ada@example.com", "s3cret")))
                .status(200);
        Expect.equal(CallerKind.HTTP, "/me", "request.user", Probes.USER, probe.request.get().user());
        Expect.equal(CallerKind.HTTP, "/me", "anvil.users.get_user()", Probes.USER, probe.user.get());
        c.send(RawHttpRequest.get("/_/api/plain").withHeader("Authorization", basic("ada@example.com", "s3cret")))
                .status(200);
        Expect.equal(CallerKind.HTTP, "/plain", "request.user without the option", null,
                off.request.get().user());
    }

    @ParameterizedTest(name = OVER)
    @EnumSource(HttpTransport.class)
    @RequiresFeature({Feature.HTTP_ENDPOINTS, Feature.HTTP_SESSION_COOKIE})
    @DisplayName("[HTTP-09] authenticate_users uses the user already logged in on the session")
    void optional_HTTP_09_sessionUserIsUsed(HttpTransport transport, TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        Probe probe = Probe.at(rt, Endpoint.http("/me").withAuthenticateUsers());
        BrowserCaller browser = rt.browser();
        browser.user(Probes.USER);
        client(transport, env).send(RawHttpRequest.get("/_/api/me").withHeader("Cookie", browser.sessionCookie()))
                .status(200);
        Expect.equal(CallerKind.HTTP, "/me", "request.user", Probes.USER, probe.request.get().user());
    }

    @ParameterizedTest(name = OVER)
    @EnumSource(HttpTransport.class)
    @RequiresFeature(Feature.HTTP_ENDPOINTS)
    @DisplayName("[HTTP-10] Basic credentials are decoded leniently: characters outside the alphabet are skipped,"
            + " and the request is served")
    void optional_HTTP_10_basicCredentialsDecodedLeniently(HttpTransport transport, TestEnvironment env) {
        Probe probe = Probe.at(env.runtime(), Endpoint.http("/a"));
        Client c = client(transport, env);
        // "YW5uOnB3" is ann:pw; the stray characters are skipped as commons-codec skips them
        c.send(RawHttpRequest.get("/_/api/a").withHeader("Authorization", "Basic YW5u!!OnB3*")).status(200);
        ran(c, probe, 1, "/a");
        Expect.equal(CallerKind.HTTP, "/a", "request.username", "ann", probe.request.get().username());
        Expect.equal(CallerKind.HTTP, "/a", "request.password", "pw", probe.request.get().password());
    }

    @ParameterizedTest(name = OVER)
    @EnumSource(HttpTransport.class)
    @RequiresFeature(Feature.HTTP_ENDPOINTS)
    @DisplayName("[HTTP-10] Basic credentials: both Base64 alphabets, short final groups, decoding up to '=', the"
            + " password up to the end of its line, none without a colon")
    void optional_HTTP_10_basicCredentialsEdgeCases(HttpTransport transport, TestEnvironment env) {
        Probe probe = Probe.at(env.runtime(), Endpoint.http("/a"));
        Client c = client(transport, env);
        // header -> the user name and password it gives; "u?>:p?>" is dT8+OnA/Pg== in the standard alphabet
        Map<String, List<String>> cases = new java.util.LinkedHashMap<>();
        cases.put("Basic OEw/QXA6a09xKFZz", Arrays.asList("8L?Ap", "kOq(Vs")); // A, Z, a, z, 0 and 9
        cases.put("Basic dT8-OnA_Pg==", Arrays.asList("u?>", "p?>"));
        cases.put("Basic dT8+OnA/Pg==", Arrays.asList("u?>", "p?>"));
        cases.put("Basic YW5uOnA=", Arrays.asList("ann", "p"));
        cases.put("Basic YW5uOnB3MQ==", Arrays.asList("ann", "pw1"));
        cases.put("Basic YW5uOnB3=QUJD", Arrays.asList("ann", "pw"));
        cases.put("Basic YW5uOnB3Z", Arrays.asList("ann", "pw"));
        cases.put("Basic YW5uOnB3Cng=", Arrays.asList("ann", "pw"));
        cases.put("Basic bm9jb2xvbg==", Arrays.asList(null, null));
        cases.put("Bearer YW5uOnB3", Arrays.asList(null, null));
        for (Map.Entry<String, List<String>> e : cases.entrySet()) {
            c.send(RawHttpRequest.get("/_/api/a").withHeader("Authorization", e.getKey())).status(200);
            HttpRequest req = probe.request.get();
            Expect.equal(CallerKind.HTTP, "/a", "(request.username, request.password) of Authorization: "
                    + e.getKey(), e.getValue(), Arrays.asList(req.username(), req.password()));
        }
    }

    // ---------------------------------------------------------------- HTTP-11 .. HTTP-16

    @ParameterizedTest(name = OVER)
    @EnumSource(HttpTransport.class)
    @RequiresFeature(Feature.HTTP_ENDPOINTS)
    @DisplayName("[HTTP-11] a str return value is 200 text/plain; charset=utf-8")
    void optional_HTTP_11_stringIsPlainText(HttpTransport transport, TestEnvironment env) {
        env.runtime().registerEndpoint(Endpoint.http("/s"), a -> "h\u00e9llo");
        client(transport, env).get("/_/api/s").status(200).contentType("text/plain; charset=utf-8").text("h\u00e9llo");
    }

    @ParameterizedTest(name = OVER)
    @EnumSource(HttpTransport.class)
    @RequiresFeature(Feature.HTTP_ENDPOINTS)
    @DisplayName("[HTTP-12] Media is served with its content type, bytes and an inline filename, URL-encoded")
    void optional_HTTP_12_mediaIsServedAsItself(HttpTransport transport, TestEnvironment env) {
        byte[] bytes = {(byte) 0x89, 'P', 'N', 'G', 0};
        env.runtime().registerEndpoint(Endpoint.http("/named"), a -> new BlobMedia("image/png", bytes, "pic.png"));
        env.runtime().registerEndpoint(Endpoint.http("/unnamed"), a -> new BlobMedia("text/csv", bytes));
        env.runtime().registerEndpoint(Endpoint.http("/odd"),
                a -> new BlobMedia("image/png", bytes, "my \"pic\"~*+\u00e9.png"));
        env.runtime().registerEndpoint(Endpoint.http("/kept"),
                a -> new BlobMedia("image/png", bytes, "AZaz09_-.~@[`{/:.png"));
        Client c = client(transport, env);
        Reply named = c.get("/_/api/named").status(200).contentType("image/png")
                .header("content-disposition", "inline; filename=\"pic.png\"");
        Expect.that(CallerKind.HTTP, "/named", Arrays.equals(bytes, named.response().body()),
                "the Media's bytes", "bytes " + Arrays.toString(named.response().body()));
        c.get("/_/api/unnamed").status(200).contentType("text/csv").header("content-disposition", null);
        c.get("/_/api/odd").status(200)
                .header("content-disposition", "inline; filename=\"my%20_pic_~%2A%2B%C3%A9.png\"");
        c.get("/_/api/kept").status(200)
                .header("content-disposition", "inline; filename=\"AZaz09_-.~%40%5B%60%7B%2F%3A.png\"");
    }

    @ParameterizedTest(name = OVER)
    @EnumSource(HttpTransport.class)
    @RequiresFeature(Feature.HTTP_ENDPOINTS)
    @DisplayName("[HTTP-13] other JSON-compatible values are application/json; None is null")
    void optional_HTTP_13_jsonValues(HttpTransport transport, TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        rt.registerEndpoint(Endpoint.http("/dict"), a -> Map.of("list", Arrays.asList(1L, 2.5, true, null, "x")));
        rt.registerEndpoint(Endpoint.http("/none"), a -> null);
        rt.registerEndpoint(Endpoint.http("/number"), a -> 42L);
        rt.registerEndpoint(Endpoint.http("/big"), a -> List.of(java.math.BigInteger.TWO.pow(70)));
        Client c = client(transport, env);
        c.get("/_/api/dict").status(200).json("{\"list\":[1,2.5,true,null,\"x\"]}");
        c.get("/_/api/none").status(200).json("null");
        c.get("/_/api/number").status(200).json("42");
        c.get("/_/api/big").status(200).json("[1180591620717411303424]");
    }

    @ParameterizedTest(name = OVER)
    @EnumSource(HttpTransport.class)
    @RequiresFeature(Feature.HTTP_ENDPOINTS)
    @DisplayName("[HTTP-14] a value that is not str, Media or JSON gives 500 'Cannot send a ... object over HTTP'")
    void optional_HTTP_14_nonJsonValueGives500(HttpTransport transport, TestEnvironment env) {
        env.runtime().registerEndpoint(Endpoint.http("/when"),
                a -> Map.of("at", OffsetDateTime.of(2024, 5, 6, 7, 8, 9, 0, ZoneOffset.UTC)));
        env.runtime().registerEndpoint(Endpoint.http("/listed"),
                a -> Map.of("times", List.of("now", OffsetDateTime.of(2024, 5, 6, 7, 8, 9, 0, ZoneOffset.UTC))));
        Client c = client(transport, env);
        c.get("/_/api/when").status(500).bodyStartsWith("Cannot send a ");
        c.get("/_/api/listed").status(500).bodyStartsWith("Cannot send a ");
    }

    @ParameterizedTest(name = OVER)
    @EnumSource(HttpTransport.class)
    @RequiresFeature(Feature.HTTP_ENDPOINTS)
    @DisplayName("[HTTP-15] HttpResponse sets the status, adds headers and may replace Content-Type and"
            + " Content-Disposition")
    void optional_HTTP_15_httpResponse(HttpTransport transport, TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        rt.registerEndpoint(Endpoint.http("/created"), a -> new HttpResponse(201, "made", Map.of("X-Id", "7")));
        rt.registerEndpoint(Endpoint.http("/csv"), a -> new HttpResponse(200, "a,b", Map.of("Content-Type", "text/csv")));
        rt.registerEndpoint(Endpoint.http("/json"), a -> new HttpResponse(404, Map.of("error", "none")));
        rt.registerEndpoint(Endpoint.http("/default"), a -> new HttpResponse());
        rt.registerEndpoint(Endpoint.http("/download"), a -> new HttpResponse(200,
                new BlobMedia("text/plain", "x".getBytes(StandardCharsets.UTF_8), "shown.txt"),
                Map.of("Content-Disposition", "attachment; filename=\"saved.txt\"")));
        Client c = client(transport, env);
        c.get("/_/api/created").status(201).text("made").header("x-id", "7")
                .contentType("text/plain; charset=utf-8");
        c.get("/_/api/csv").status(200).text("a,b").contentType("text/csv");
        c.get("/_/api/json").status(404).json("{\"error\":\"none\"}");
        c.get("/_/api/default").status(200).text("");
        Reply download = c.get("/_/api/download").status(200);
        Expect.equal(CallerKind.HTTP, "/download", "values of content-disposition",
                List.of("attachment; filename=\"saved.txt\""), download.response().headerValues("content-disposition"));
    }

    @ParameterizedTest(name = OVER)
    @EnumSource(HttpTransport.class)
    @RequiresFeature(Feature.HTTP_ENDPOINTS)
    @DisplayName("[HTTP-16] HttpResponse headers: lower-cased names, replace, delete and add (multi-valued)")
    void optional_HTTP_16_headerOperations(HttpTransport transport, TestEnvironment env) {
        env.runtime().registerEndpoint(Endpoint.http("/h"), a -> {
            HttpResponse r = new HttpResponse(200, "ok", Map.of("X-Replaced", "old", "X-Gone", "1"));
            r.setHeader("x-replaced", "new");
            r.removeHeader("X-GONE");
            r.addHeader("X-Multi", "1");
            r.addHeader("x-multi", "2");
            return r;
        });
        Reply r = client(transport, env).get("/_/api/h").status(200).header("x-replaced", "new")
                .header("x-gone", null);
        List<String> multi = new ArrayList<>();
        r.response().headerValues("x-multi").forEach(v -> multi.addAll(Arrays.asList(v.split("\\s*,\\s*"))));
        Expect.equal(CallerKind.HTTP, "/h", "values of x-multi", List.of("1", "2"), multi);
    }

    @ParameterizedTest(name = OVER)
    @EnumSource(HttpTransport.class)
    @RequiresFeature({Feature.HTTP_ENDPOINTS, Feature.HTTP_SESSION_COOKIE})
    @DisplayName("[HTTP-16] Set-Cookie for the platform's cookie jars (anvilapp, anvilapp-shared) is dropped; the"
            + " session cookie and the app's own cookies are sent")
    void optional_HTTP_16_cookieJarsCannotBeSet(HttpTransport transport, TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        String cookieName = rt.browser().sessionCookie().split("=", 2)[0];
        rt.registerEndpoint(Endpoint.http("/set"), a -> {
            HttpResponse r = new HttpResponse(200, "ok", null);
            r.addHeader("Set-Cookie", "anvilapp=forged; Path=/");
            r.addHeader("Set-Cookie", "anvilapp-shared=forged");
            r.addHeader("Set-Cookie", cookieName + "=chosen; Path=/");
            r.addHeader("Set-Cookie", "mine=1");
            return r;
        });
        Reply r = client(transport, env).get("/_/api/set").status(200);
        List<String> cookies = r.response().headerValues("set-cookie");
        Expect.that(CallerKind.HTTP, "/set", cookies.stream().noneMatch(v -> v.startsWith("anvilapp")),
                "no Set-Cookie for anvilapp or anvilapp-shared", "Set-Cookie " + cookies);
        Expect.that(CallerKind.HTTP, "/set", cookies.contains("mine=1")
                && cookies.contains(cookieName + "=chosen; Path=/"),
                "Set-Cookie mine=1 and " + cookieName + " sent as the endpoint set them", "Set-Cookie " + cookies);
    }

    // ---------------------------------------------------------------- HTTP-17 .. HTTP-20

    @ParameterizedTest(name = OVER)
    @EnumSource(HttpTransport.class)
    @RequiresFeature(Feature.HTTP_ENDPOINTS)
    @DisplayName("[HTTP-17] an uncaught exception gives 500 text/plain without its details")
    void optional_HTTP_17_exceptionGives500WithoutDetails(HttpTransport transport, TestEnvironment env) {
        env.runtime().registerEndpoint(Endpoint.http("/boom"), a -> {
            throw new IllegalStateException("secret detail 4711");
        });
        client(transport, env).get("/_/api/boom").status(500).contentType("text/plain").text(EXCEPTION_BODY);
    }

    @ParameterizedTest(name = OVER)
    @EnumSource(HttpTransport.class)
    @RequiresFeature(Feature.HTTP_ENDPOINTS)
    @DisplayName("[HTTP-18] no matching endpoint gives 404 text/plain 'No matching API endpoint'")
    void optional_HTTP_18_noMatchGives404(HttpTransport transport, TestEnvironment env) {
        env.runtime().registerEndpoint(Endpoint.http("/present"), a -> "here");
        client(transport, env).get("/_/api/absent").status(404).contentType("text/plain")
                .text("No matching API endpoint");
    }

    @ParameterizedTest(name = OVER)
    @EnumSource(HttpTransport.class)
    @RequiresFeature({Feature.HTTP_ENDPOINTS, Feature.UPLINK_WIRE})
    @DisplayName("[HTTP-18] a path whose endpoint only an uplink provided is not unmatched once that uplink left: it"
            + " gives the 500 of UplinkDisconnectedError (ERR-08, HTTP-17), not the 404")
    void optional_HTTP_18_pathOfADisconnectedUplinkGives500(HttpTransport transport, TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        rt.register("http18_probe", a -> "server code");
        Caller browser = rt.browser();
        Client c = client(transport, env);
        try (Uplink uplink = RealUplinks.connectServer("HTTP-18", RealUplinks.server(rt)
                .register("http18_probe", a -> "uplink")
                .registerEndpoint(Endpoint.http("/http18_on_uplink"), a -> "from the uplink"))) {
            c.get("/_/api/http18_on_uplink").status(200).text("from the uplink");
            uplink.disconnect();
            // the runtime knows that the uplink left once the name both provide falls back to server code (UPL-09)
            long deadline = System.nanoTime() + env.timeout().toNanos();
            Object probe = "uplink";
            while (!"server code".equals(probe) && System.nanoTime() < deadline) {
                try {
                    probe = browser.call("http18_probe");
                } catch (UplinkDisconnectedError leaving) {
                    probe = leaving;
                }
            }
            Expect.equal(browser, "http18_probe", "return value once the uplink left", "server code", probe);
            c.get("/_/api/http18_on_uplink").status(500).contentType("text/plain").text(EXCEPTION_BODY);
        }
    }

    @ParameterizedTest(name = OVER)
    @EnumSource(HttpTransport.class)
    @RequiresFeature(Feature.HTTP_ENDPOINTS)
    @DisplayName("[HTTP-19] FormResponse and AppResponder responses are served from routes, 500 from http_endpoint")
    void optional_HTTP_19_appResponsesOnlyFromRoutes(HttpTransport transport, TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        rt.registerEndpoint(Endpoint.route("/form"), a -> new FormResponse("Home", List.of(1L), Map.of()));
        rt.registerEndpoint(Endpoint.route("/app"), a -> new AppResponder("data", null).loadApp());
        rt.registerEndpoint(Endpoint.http("/form"), a -> new FormResponse("Home", List.of(), Map.of()));
        rt.registerEndpoint(Endpoint.http("/app"), a -> new AppResponder(null, null).loadForm("Home"));
        Client c = client(transport, env);
        c.get("/form").status(200);
        c.get("/app").status(200);
        c.get("/_/api/form").status(500);
        c.get("/_/api/app").status(500);
    }

    @Test
    @DisplayName("[HTTP-20] request outside an endpoint raises 'anvil.server.request is only available in http_endpoint calls.'")
    void required_HTTP_20_requestOnlyInsideEndpoints(RuntimeUnderTest rt) {
        rt.register("not_endpoint", a -> AnvilServer.request());
        Caller browser = rt.browser();
        RuntimeException e = Expect.raises(browser, "not_endpoint", RuntimeException.class,
                () -> browser.call("not_endpoint"));
        Expect.equal(browser, "not_endpoint", "message",
                "anvil.server.request is only available in http_endpoint calls.", e.getMessage());
    }

    // ---------------------------------------------------------------- HTTP-21 .. HTTP-26

    @ParameterizedTest(name = OVER)
    @EnumSource(HttpTransport.class)
    @RequiresFeature(Feature.HTTP_ENDPOINTS)
    @DisplayName("[HTTP-21] request.path is relative to the endpoint origin, method upper-case, origin and remote_address")
    void optional_HTTP_21_pathMethodOriginRemoteAddress(HttpTransport transport, TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        Probe api = Probe.at(rt, Endpoint.http("/p/:x").withMethods("PATCH", "GET"));
        Probe known = Probe.at(rt, Endpoint.wellknown("/known"));
        Client c = client(transport, env);
        c.send(RawHttpRequest.of("PATCH", "/_/api/p/1?q=2").withHeader("Origin", "https://o.example")).status(200);
        HttpRequest req = api.request.get();
        Expect.equal(CallerKind.HTTP, "/p/:x", "request.path", "/p/1", req.path());
        Expect.equal(CallerKind.HTTP, "/p/:x", "request.method", "PATCH", req.method());
        Expect.equal(CallerKind.HTTP, "/p/:x", "request.origin", "https://o.example", req.origin());
        String remote = req.remoteAddress();
        Expect.that(CallerKind.HTTP, "/p/:x", remote != null && !remote.isEmpty(),
                "request.remote_address, the client's IP", "remote_address " + Describe.value(remote));
        if (transport == HttpTransport.LOOPBACK) {
            Expect.equal(CallerKind.HTTP, "/p/:x", "request.remote_address over loopback", "127.0.0.1",
                    remote);
        }
        c.get("/_/api/p/2").status(200);
        Expect.equal(CallerKind.HTTP, "/p/:x", "request.origin without Origin", null,
                api.request.get().origin());
        c.get("/.well-known/known").status(200);
        Expect.equal(CallerKind.HTTP, "/known", "request.path of a wellknown_endpoint", "/known",
                known.request.get().path());
    }

    @ParameterizedTest(name = OVER)
    @EnumSource(HttpTransport.class)
    @RequiresFeature(Feature.HTTP_ENDPOINTS)
    @DisplayName("[HTTP-22] request.headers is keyed by lower-case names")
    void optional_HTTP_22_headersLowerCase(HttpTransport transport, TestEnvironment env) {
        Probe probe = Probe.at(env.runtime(), Endpoint.http("/h"));
        client(transport, env).send(RawHttpRequest.get("/_/api/h").withHeader("X-Custom-Thing", "v1")).status(200);
        Map<String, String> headers = probe.request.get().headers();
        Expect.equal(CallerKind.HTTP, "/h", "headers['x-custom-thing']", "v1", headers.get("x-custom-thing"));
        Expect.that(CallerKind.HTTP, "/h", headers.keySet().stream()
                .allMatch(k -> k.equals(k.toLowerCase(Locale.ROOT))), "only lower-case names", "names " + headers.keySet());
    }

    @ParameterizedTest(name = OVER)
    @EnumSource(HttpTransport.class)
    @RequiresFeature({Feature.HTTP_ENDPOINTS, Feature.HTTP_SESSION_COOKIE})
    @DisplayName("[HTTP-22] the cookie jars (anvilapp, anvilapp-shared) are stripped from the cookie header; the"
            + " session cookie and the app's own cookies stay")
    void optional_HTTP_22_cookieJarsStripped(HttpTransport transport, TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        Probe probe = Probe.at(rt, Endpoint.http("/h"));
        String session = rt.browser().sessionCookie();
        client(transport, env).send(RawHttpRequest.get("/_/api/h")
                .withHeader("Cookie", "mine=1; anvilapp=zz; anvilapp-shared=yy; " + session)).status(200);
        String cookies = probe.request.get().headers().get("cookie");
        Expect.that(CallerKind.HTTP, "/h", cookies != null && cookies.contains("mine=1") && cookies.contains(session)
                && !cookies.contains("anvilapp"), "cookie header with mine=1 and " + session
                + ", without anvilapp and anvilapp-shared", "cookie " + Describe.value(cookies));
    }

    @ParameterizedTest(name = OVER)
    @EnumSource(HttpTransport.class)
    @RequiresFeature(Feature.HTTP_ENDPOINTS)
    @DisplayName("[HTTP-23] query_params and form_params are decoded strings; a repeated key gives a list")
    void optional_HTTP_23_queryAndFormParams(HttpTransport transport, TestEnvironment env) {
        Probe probe = Probe.at(env.runtime(), Endpoint.http("/q"));
        client(transport, env).send(RawHttpRequest.of("POST", "/_/api/q?t=1&t=2&s=a%20b")
                .withBody("application/x-www-form-urlencoded", "name=J%C3%BCrgen+M&k=x&k=y")).status(200);
        HttpRequest req = probe.request.get();
        Expect.equal(CallerKind.HTTP, "/q", "request.query_params",
                Map.of("t", List.of("1", "2"), "s", "a b"), req.queryParams());
        Expect.equal(CallerKind.HTTP, "/q", "request.form_params",
                Map.of("name", "J\u00fcrgen M", "k", List.of("x", "y")), req.formParams());
    }

    @ParameterizedTest(name = OVER)
    @EnumSource(HttpTransport.class)
    @RequiresFeature(Feature.HTTP_ENDPOINTS)
    @DisplayName("[HTTP-23] form parameters are decoded in the charset the Content-Type names")
    void optional_HTTP_23_formParamsInTheDeclaredCharset(HttpTransport transport, TestEnvironment env) {
        Probe probe = Probe.at(env.runtime(), Endpoint.http("/q"));
        client(transport, env).send(RawHttpRequest.of("POST", "/_/api/q").withBody(
                "application/x-www-form-urlencoded; charset=ISO-8859-1",
                "name=J%FCrgen&city=K\u00f6ln".getBytes(StandardCharsets.ISO_8859_1))).status(200);
        Expect.equal(CallerKind.HTTP, "/q", "request.form_params of an ISO-8859-1 body",
                Map.of("name", "J\u00fcrgen", "city", "K\u00f6ln"), probe.request.get().formParams());
    }

    @ParameterizedTest(name = OVER)
    @EnumSource(HttpTransport.class)
    @RequiresFeature(Feature.HTTP_ENDPOINTS)
    @DisplayName("[HTTP-24] request.body is Media with the request's content type and attachment filename, or None"
            + " without a body")
    void optional_HTTP_24_bodyIsMedia(HttpTransport transport, TestEnvironment env) {
        Probe probe = Probe.at(env.runtime(), Endpoint.http("/b"));
        Client c = client(transport, env);
        byte[] bytes = {1, 2, 3, (byte) 255};
        c.send(RawHttpRequest.of("POST", "/_/api/b").withBody("application/octet-stream", bytes)).status(200);
        Media body = probe.request.get().body();
        Expect.that(CallerKind.HTTP, "/b", body != null, "request.body, a Media", "None");
        Expect.equal(CallerKind.HTTP, "/b", "request.body.content_type", "application/octet-stream",
                body.contentType());
        Expect.that(CallerKind.HTTP, "/b", Arrays.equals(bytes, body.getBytes()), "the bytes sent",
                Arrays.toString(body.getBytes()));
        Expect.equal(CallerKind.HTTP, "/b", "request.body.name without Content-Disposition", null, body.name());
        c.send(RawHttpRequest.of("POST", "/_/api/b").withBody("image/png", bytes)
                .withHeader("Content-Disposition", "attachment; filename=\"up load.png\"")).status(200);
        Expect.equal(CallerKind.HTTP, "/b", "request.body.name", "up load.png", probe.request.get().body().name());
        c.get("/_/api/b").status(200);
        Expect.equal(CallerKind.HTTP, "/b", "request.body without a body", null, probe.request.get().body());
    }

    @ParameterizedTest(name = OVER)
    @EnumSource(HttpTransport.class)
    @RequiresFeature(Feature.HTTP_ENDPOINTS)
    @DisplayName("[HTTP-25] body_json decodes application/json bodies, else None; cached")
    void optional_HTTP_25_bodyJson(HttpTransport transport, TestEnvironment env) {
        AtomicReference<List<Object>> seen = new AtomicReference<>();
        env.runtime().registerEndpoint(Endpoint.http("/j"), a -> {
            Object first = AnvilServer.request().bodyJson();
            seen.set(Arrays.asList(first, AnvilServer.request().bodyJson()));
            return "ok";
        });
        Client c = client(transport, env);
        c.send(RawHttpRequest.of("POST", "/_/api/j").withBody("application/json", "{\"a\":[1,\"x\",null]}"))
                .status(200);
        Object json = seen.get().get(0);
        Expect.equal(CallerKind.HTTP, "/j", "request.body_json", Map.of("a", Arrays.asList(1L, "x", null)),
                json);
        Expect.that(CallerKind.HTTP, "/j", seen.get().get(1) == json, "the same object on the second access",
                "a different object");
        c.send(RawHttpRequest.of("POST", "/_/api/j").withBody("text/plain", "{\"a\":1}")).status(200);
        Expect.equal(CallerKind.HTTP, "/j", "request.body_json of text/plain", null, seen.get().get(0));
    }

    @ParameterizedTest(name = OVER)
    @EnumSource(HttpTransport.class)
    @RequiresFeature(Feature.HTTP_ENDPOINTS)
    @DisplayName("[HTTP-25] body_json of application/json; charset=utf-8 is decoded or None (Q-07)")
    void optional_HTTP_25_parameterisedJsonType(HttpTransport transport, TestEnvironment env) {
        AtomicReference<Object> seen = new AtomicReference<>();
        env.runtime().registerEndpoint(Endpoint.http("/j"), a -> {
            seen.set(AnvilServer.request().bodyJson());
            return "ok";
        });
        client(transport, env).send(RawHttpRequest.of("POST", "/_/api/j")
                .withBody("application/json; charset=utf-8", "[1]")).status(200);
        Object json = seen.get();
        Expect.that(CallerKind.HTTP, "/j", json == null || List.of(1L).equals(json), "[1] or None",
                Describe.value(json));
        env.note("Q-07", json == null ? "None" : "decoded");
    }

    @ParameterizedTest(name = OVER)
    @EnumSource(HttpTransport.class)
    @RequiresFeature(Feature.HTTP_ENDPOINTS)
    @DisplayName("[HTTP-26] username and password are the decoded Basic credentials, or None")
    void optional_HTTP_26_basicCredentials(HttpTransport transport, TestEnvironment env) {
        Probe probe = Probe.at(env.runtime(), Endpoint.http("/a"));
        Client c = client(transport, env);
        c.send(RawHttpRequest.get("/_/api/a").withHeader("Authorization", basic("ada@example.com", "p:w d"))).status(200);
        Expect.equal(CallerKind.HTTP, "/a", "request.username", "ada@example.com",
                probe.request.get().username());
        Expect.equal(CallerKind.HTTP, "/a", "request.password", "p:w d", probe.request.get().password());
        c.get("/_/api/a").status(200);
        Expect.equal(CallerKind.HTTP, "/a", "request.username without credentials", null,
                probe.request.get().username());
        Expect.equal(CallerKind.HTTP, "/a", "request.password without credentials", null,
                probe.request.get().password());
    }

    // ---------------------------------------------------------------- HTTP-27 .. HTTP-29

    @ParameterizedTest(name = OVER)
    @EnumSource(HttpTransport.class)
    @RequiresFeature({Feature.HTTP_ENDPOINTS, Feature.HTTP_SESSION_COOKIE})
    @DisplayName("[HTTP-27] a cross-site request runs in a fresh session unless cross_site_session=True")
    void optional_HTTP_27_crossSiteRequestsGetAFreshSession(HttpTransport transport, TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        Probe plain = Probe.at(rt, Endpoint.http("/plain"));
        Probe keep = Probe.at(rt, Endpoint.http("/keep").withCrossSiteSession());
        Client c = client(transport, env);
        String app = appOrigin(rt);
        BrowserCaller browser = rt.browser();
        browser.user(Probes.USER);
        String cookie = browser.sessionCookie();
        c.send(RawHttpRequest.get("/_/api/plain").withHeader("Cookie", cookie).withHeader("Origin", app)).status(200);
        Expect.equal(CallerKind.HTTP, "/plain", "session of a same-site request", browser.sessionId(),
                plain.sessionId.get());
        c.send(RawHttpRequest.get("/_/api/plain").withHeader("Cookie", cookie)
                .withHeader("Origin", "https://elsewhere.example")).status(200);
        Expect.that(CallerKind.HTTP, "/plain", !browser.sessionId().equals(plain.sessionId.get()),
                "a fresh session for a cross-site request", "the browser's session " + plain.sessionId.get());
        Expect.equal(CallerKind.HTTP, "/plain", "logged-in user of a cross-site request", null,
                plain.user.get());
        c.send(RawHttpRequest.get("/_/api/plain").withHeader("Cookie", cookie)
                .withHeader("Referer", app + "/some/page")).status(200);
        Expect.equal(CallerKind.HTTP, "/plain", "session of a request whose Referer is the app",
                browser.sessionId(), plain.sessionId.get());
        c.send(RawHttpRequest.get("/_/api/plain").withHeader("Cookie", cookie)
                .withHeader("Referer", "https://elsewhere.example/page")).status(200);
        Expect.that(CallerKind.HTTP, "/plain", !browser.sessionId().equals(plain.sessionId.get()),
                "a fresh session when the Referer is another site", "the browser's session");
        c.send(RawHttpRequest.get("/_/api/keep").withHeader("Cookie", cookie)
                .withHeader("Origin", "https://elsewhere.example")).status(200);
        Expect.equal(CallerKind.HTTP, "/keep", "session with cross_site_session=True", browser.sessionId(),
                keep.sessionId.get());
    }

    @ParameterizedTest(name = OVER)
    @EnumSource(HttpTransport.class)
    @RequiresFeature({Feature.HTTP_ENDPOINTS, Feature.HTTP_SESSION_COOKIE, Feature.UPLINK_WIRE})
    @DisplayName("[HTTP-27] an endpoint a connected uplink provides runs a cross-site request in the browser's session"
            + " and sees its data with cross_site_session=True, in a fresh session without")
    void optional_HTTP_27_connectedUplinkEndpointCrossSiteSession(HttpTransport transport, TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        AtomicReference<List<Object>> seen = new AtomicReference<>();
        ServerFunction body = a -> {
            seen.set(Arrays.asList(AnvilServer.getSessionId(), AnvilServer.session().get("k")));
            return "seen";
        };
        try (Uplink uplink = RealUplinks.connectServer("HTTP-27", RealUplinks.server(rt)
                .registerEndpoint(Endpoint.http("/uplink_keep").withCrossSiteSession(), body)
                .registerEndpoint(Endpoint.http("/uplink_plain"), body))) {
            Client c = client(transport, env);
            BrowserCaller browser = rt.browser();
            browser.putSession("k", "browser value");
            String cookie = browser.sessionCookie();
            c.send(RawHttpRequest.get("/_/api/uplink_keep").withHeader("Cookie", cookie)
                    .withHeader("Origin", "https://elsewhere.example")).status(200).text("seen");
            Expect.equal(CallerKind.HTTP, "/uplink_keep", "[get_session_id(), session['k']] on the uplink with"
                    + " cross_site_session=True", List.of(browser.sessionId(), "browser value"), seen.get());
            seen.set(null);
            c.send(RawHttpRequest.get("/_/api/uplink_plain").withHeader("Cookie", cookie)
                    .withHeader("Origin", "https://elsewhere.example")).status(200);
            List<Object> fresh = seen.get();
            Expect.that(CallerKind.HTTP, "/uplink_plain", fresh != null && !browser.sessionId().equals(fresh.get(0))
                    && fresh.get(1) == null, "a fresh session without the browser's data for a cross-site request",
                    "[get_session_id(), session['k']] " + Describe.value(fresh));
        }
    }

    @ParameterizedTest(name = OVER)
    @EnumSource(HttpTransport.class)
    @RequiresFeature({Feature.HTTP_ENDPOINTS, Feature.HTTP_SESSION_COOKIE})
    @DisplayName("[HTTP-27] a Referer of another site counts even after the app's Origin, and an unreadable Referer"
            + " counts as another site")
    void optional_HTTP_27_refererCheckedAfterOriginAndUnreadableIsCrossSite(HttpTransport transport,
            TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        Probe plain = Probe.at(rt, Endpoint.http("/plain"));
        Client c = client(transport, env);
        String app = appOrigin(rt);
        BrowserCaller browser = rt.browser();
        String cookie = browser.sessionCookie();
        c.send(RawHttpRequest.get("/_/api/plain").withHeader("Cookie", cookie).withHeader("Origin", app)
                .withHeader("Referer", "https://elsewhere.example/page")).status(200);
        Expect.that(CallerKind.HTTP, "/plain", !browser.sessionId().equals(plain.sessionId.get()),
                "a fresh session when the Origin is the app's but the Referer another site's",
                "the browser's session " + plain.sessionId.get());
        for (String referer : List.of(app, "nonsense")) {
            c.send(RawHttpRequest.get("/_/api/plain").withHeader("Cookie", cookie).withHeader("Referer", referer))
                    .status(200);
            Expect.that(CallerKind.HTTP, "/plain", !browser.sessionId().equals(plain.sessionId.get()),
                    "a fresh session when no origin can be read from the Referer " + Describe.value(referer),
                    "the browser's session " + plain.sessionId.get());
        }
        c.send(RawHttpRequest.get("/_/api/plain").withHeader("Cookie", cookie).withHeader("Referer", app + "/"))
                .status(200);
        Expect.equal(CallerKind.HTTP, "/plain", "session of a request whose Referer is the app's root",
                browser.sessionId(), plain.sessionId.get());
    }

    @ParameterizedTest(name = OVER)
    @EnumSource(HttpTransport.class)
    @RequiresFeature({Feature.HTTP_ENDPOINTS, Feature.TIME_CONTROL})
    @DisplayName("[HTTP-28] an endpoint past the call timeout gives 500")
    void optional_HTTP_28_timeoutGives500(HttpTransport transport, TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        rt.registerEndpoint(Endpoint.http("/slow"), a -> {
            rt.time().advance(rt.callTimeout().plusSeconds(1));
            return "too late";
        });
        rt.registerEndpoint(Endpoint.http("/quick"), a -> {
            rt.time().advance(rt.callTimeout().minusSeconds(1));
            return "in time";
        });
        Client c = client(transport, env);
        c.get("/_/api/slow").status(500);
        c.get("/_/api/quick").status(200).text("in time");
    }

    @ParameterizedTest(name = OVER)
    @EnumSource(HttpTransport.class)
    @RequiresFeature(Feature.HTTP_ENDPOINTS)
    @DisplayName("[HTTP-29] inside an endpoint remote_caller.type is http and is_trusted is False")
    void optional_HTTP_29_remoteCallerIsUntrustedHttp(HttpTransport transport, TestEnvironment env) {
        Probe probe = Probe.at(env.runtime(), Endpoint.http("/ctx"));
        client(transport, env).get("/_/api/ctx").status(200);
        CallContext context = probe.context.get();
        Expect.equal(CallerKind.HTTP, "/ctx", "context.remote_caller.type", "http",
                context.remoteCaller() == null ? null : context.remoteCaller().type());
        Expect.equal(CallerKind.HTTP, "/ctx", "context.remote_caller.is_trusted", false,
                context.remoteCaller().isTrusted());
        Expect.equal(CallerKind.HTTP, "/ctx", "context.client.type of a request without a session", "http",
                context.client() == null ? null : context.client().type());
    }

    // ---------------------------------------------------------------- MISC-01, MISC-03, MISC-04

    @Test
    @DisplayName("[MISC-01] get_app_origin() gives the current environment's origin, also for 'published'")
    void required_MISC_01_appOrigin(RuntimeUnderTest rt) {
        rt.register("origins", a -> Arrays.asList(AnvilServer.getAppOrigin(), AnvilServer.getAppOrigin("published")));
        Caller server = rt.caller(CallerKind.SERVER_MODULE);
        List<?> origins = (List<?>) Expect.returns(server, "origins", () -> server.call("origins"));
        for (Object origin : origins) {
            Expect.that(server, "origins", origin instanceof String s && s.matches("https?://[^/]+.*"),
                    "an origin such as https://host", Describe.value(origin));
        }
    }

    @Test
    @RequiresFeature(Feature.HTTP_LOOPBACK)
    @DisplayName("[MISC-01] while the app is served on a socket, get_app_origin() is that origin")
    void optional_MISC_01_appOriginIsTheListenersOrigin(RuntimeUnderTest rt) {
        String origin = rt.listen().toString();
        Expect.equal(CallerKind.SERVER_MODULE, "app_origin", "get_app_origin()", origin, appOrigin(rt));
    }

    @Test
    @DisplayName("[MISC-03] startup_data in server code raises RuntimeError")
    void required_MISC_03_startupDataOnServerRaises(RuntimeUnderTest rt) {
        rt.register("startup", a -> {
            try {
                return "returned " + AnvilServer.startupData();
            } catch (IllegalStateException e) {
                return "RuntimeError: " + e.getMessage();
            }
        });
        Caller server = rt.caller(CallerKind.SERVER_MODULE);
        Object outcome = Expect.returns(server, "startup", () -> server.call("startup"));
        Expect.equal(server, "startup", "what anvil.server.startup_data raised in server code",
                "RuntimeError: anvil.server.startup_data is only available on the client", outcome);
    }

    @Test
    @RequiresFeature({Feature.HTTP_ENDPOINTS, Feature.APP_PAGES})
    @DisplayName("[MISC-03] in the browser, startup_data is the AppResponder's data, else None")
    void optional_MISC_03_browserSeesAppResponderData(RuntimeUnderTest rt) {
        rt.registerEndpoint(Endpoint.route("/start"), a -> new AppResponder(Map.of("k", 1L), null).loadForm("Start"));
        rt.registerEndpoint(Endpoint.route("/plain"), a -> new FormResponse("Plain", null, null));
        BrowserCaller browser = rt.browser();
        Expect.equal(browser, null, "startup_data before any page", null, browser.startupData());
        RawHttpResponse page = Expect.returns(browser, "/start", () -> browser.openPage("/start"));
        Expect.equal(browser, "/start", "status of the page", 200, page.status());
        Expect.equal(browser, "/start", "startup_data", Map.of("k", 1L), browser.startupData());
        Expect.returns(browser, "/plain", () -> browser.openPage("/plain"));
        Expect.equal(browser, "/plain", "startup_data of a FormResponse page", null, browser.startupData());
    }

    @Test
    @DisplayName("[MISC-04] AppResponder accepts only the keywords data and meta")
    void required_MISC_04_appResponderKeywordsOnly(RuntimeUnderTest rt) {
        rt.register("responder", a -> {
            List<String> raised = new ArrayList<>();
            for (Object[] args : new Object[][] {{"positional"}, {kw("data", 1L).and("other", 2L)}}) {
                try {
                    AppResponder.of(args);
                    raised.add("none");
                } catch (IllegalArgumentException e) {
                    raised.add("TypeError");
                }
            }
            AppResponder ok = AppResponder.of(kw("data", 1L).and("meta", Map.of("title", "T")));
            raised.add(ok.data() + " " + ok.meta());
            return raised;
        });
        Caller server = rt.caller(CallerKind.SERVER_MODULE);
        Object result = Expect.returns(server, "responder", () -> server.call("responder"));
        Expect.equal(server, "responder", "outcomes of (positional, other keyword, data and meta)",
                List.of("TypeError", "TypeError", "1 {title=T}"), result);
    }

    @Test
    @DisplayName("[MISC-01] a connected uplink's get_app_origin() and get_api_origin() are server code's")
    @RequiresFeature(Feature.UPLINK_WIRE)
    void optional_MISC_01_connectedUplinkAsksForTheOrigins(RuntimeUnderTest rt) {
        rt.register("misc01_origins", a -> Arrays.asList(AnvilServer.getAppOrigin(), AnvilServer.getApiOrigin()));
        Caller server = rt.caller(CallerKind.SERVER_MODULE);
        try (Uplink uplink = RealUplinks.connectServer("MISC-01", RealUplinks.server(rt));
                dev.anvilcheck.server.host.CallScope.Binding top = uplink.bind()) {
            // asked while the uplink is connected: a runtime serving on a socket gives that socket's origin
            Object expected = Expect.returns(server, "misc01_origins", () -> server.call("misc01_origins"));
            Object seen = Expect.returns(CallerKind.UPLINK, "anvil.private.get_app_origin",
                    () -> Arrays.asList(AnvilServer.getAppOrigin(), AnvilServer.getApiOrigin()));
            Expect.equal(CallerKind.UPLINK, "anvil.private.get_app_origin", "[get_app_origin(), get_api_origin()]"
                    + " on the uplink", expected, seen);
            // the official uplink's get_api_origin() asks the server (uplink/python/anvil/server.py)
            Expect.equal(CallerKind.UPLINK, "anvil.private.get_api_origin", "anvil.private.get_api_origin() called by"
                    + " the uplink", ((List<?>) expected).get(1), Expect.returns(CallerKind.UPLINK,
                            "anvil.private.get_api_origin", () -> uplink.call("anvil.private.get_api_origin")));
        }
    }
}
