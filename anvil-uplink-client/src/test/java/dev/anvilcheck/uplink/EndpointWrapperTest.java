package dev.anvilcheck.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anvilcheck.media.BlobMedia;
import dev.anvilcheck.python.TypeError;
import dev.anvilcheck.python.ValueError;
import dev.anvilcheck.server.AppResponse;
import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.Endpoint;
import dev.anvilcheck.server.FormResponse;
import dev.anvilcheck.server.HttpResponse;
import dev.anvilcheck.server.ServerFunction;
import dev.anvilcheck.hosting.EndpointReply;
import dev.anvilcheck.hosting.EndpointRequest;
import dev.anvilcheck.hosting.EndpointWrapper;
import dev.anvilcheck.wire.WireCodec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The endpoint logic both ends share, without a runtime: the wrapper, the request's kwargs and the reply dictionary. */
class EndpointWrapperTest {
    /** A host that records what the wrapper asked of it. */
    private static final class Recorder implements EndpointWrapper.Host {
        final List<String> asked = new ArrayList<>();
        final EndpointRequest request;
        Object sessionUser;
        Object loggedIn;
        boolean failLogIn;

        Recorder(EndpointRequest request) {
            this.request = request;
        }

        @Override
        public EndpointRequest request() {
            return request;
        }

        @Override
        public void switchSession() {
            asked.add("switch");
        }

        @Override
        public Object sessionUser() {
            asked.add("user");
            return sessionUser;
        }

        @Override
        public Object logIn(String email, String password) throws Exception {
            asked.add("logIn " + email + " " + password);
            if (failLogIn) {
                throw new Exception("no Users service");
            }
            return loggedIn;
        }
    }

    private static EndpointRequest request(String method, String path, Map<String, Object> query,
            Map<String, Object> form, Map<String, String> headers, String username, String password) {
        return new EndpointRequest(path, method, query, form, headers, "10.0.0.1", null, username, password, null,
                WireCodec::readJson, u -> { });
    }

    private static EndpointRequest get(String path) {
        return request("GET", path, Map.of(), Map.of(), Map.of(), null, null);
    }

    private static EndpointReply serve(Endpoint endpoint, ServerFunction body, Recorder host) throws Exception {
        return (EndpointReply) new EndpointWrapper(endpoint, body, host).invoke(Arguments.none());
    }

    @Test
    @DisplayName("HTTP-05 the body gets form, then query, then path parameters, computed from the endpoint's pattern")
    void keywordArguments() throws Exception {
        AtomicReference<Map<String, Object>> seen = new AtomicReference<>();
        Recorder host = new Recorder(request("POST", "/k/path%2F1", Map.of("a", "query", "b", "query"),
                Map.of("a", "form", "b", "form", "c", "form"), Map.of(), null, null));
        EndpointReply reply = serve(Endpoint.http("/k/:a"), a -> {
            seen.set(a.kwargs());
            return "ok";
        }, host);
        assertThat(seen.get()).isEqualTo(Map.of("a", "path/1", "b", "query", "c", "form"));
        assertThat(reply).isEqualTo(new EndpointReply(200, "ok", List.of()));
        assertThat(host.asked).isEmpty();
    }

    @Test
    @DisplayName("HTTP-06, HTTP-07 other methods get 405 with Allow; a CORS preflight 200 with the CORS headers")
    void methodsAndPreflight() throws Exception {
        ServerFunction body = a -> {
            throw new AssertionError("the body must not run");
        };
        assertThat(serve(Endpoint.http("/m").withMethods("GET", "PUT"), body, new Recorder(request("DELETE", "/m",
                Map.of(), Map.of(), Map.of(), null, null))))
                .isEqualTo(new EndpointReply(405, "Method not supported", List.of(Map.entry("allow", "GET, PUT"))));
        EndpointRequest preflight = request("OPTIONS", "/m", Map.of(), Map.of(),
                Map.of("access-control-request-headers", "X-Token, content-type"), null, null);
        assertThat(serve(Endpoint.http("/m").withCorsOrigin("https://a.example"), body, new Recorder(preflight)))
                .isEqualTo(new EndpointReply(200, "", List.of(Map.entry("access-control-allow-origin",
                        "https://a.example"), Map.entry("access-control-allow-headers", "content-type, x-token"))));
    }

    @Test
    @DisplayName("HTTP-15, HTTP-07, HTTP-19 an HttpResponse keeps its headers, CORS headers replace those it set;"
            + " a FormResponse becomes its AppResponse")
    void responses() throws Exception {
        HttpResponse response = new HttpResponse(201, "made", Map.of("X-Id", "7"));
        response.addHeader("Access-Control-Allow-Origin", "mine");
        EndpointReply reply = serve(Endpoint.http("/r").withCors(), a -> response, new Recorder(get("/r")));
        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.headers()).containsExactly(Map.entry("x-id", "7"), Map.entry("access-control-allow-origin", "*"),
                Map.entry("access-control-allow-headers", "content-type"));
        EndpointReply form = serve(Endpoint.route("/f"), a -> new FormResponse("Home", List.of(1L), null),
                new Recorder(get("/f")));
        assertThat(form.body()).isEqualTo(new AppResponse("Home", List.of(1L), Map.of(), null, null, null));
    }

    @Test
    @DisplayName("HTTP-27, HTTP-08, HTTP-09 cross_site_session moves first; credentials are required; a user is the"
            + " session's or logged in with the credentials, any failure being the 401")
    void sessionsAndCredentials() throws Exception {
        EndpointReply unauthorized = new EndpointReply(401, "Unauthorized",
                List.of(Map.entry("www-authenticate", "Basic realm=\"Anvil App API\"")));
        Recorder anonymous = new Recorder(get("/c"));
        assertThat(serve(Endpoint.http("/c").withRequireCredentials().withCrossSiteSession(), a -> "ran", anonymous))
                .isEqualTo(unauthorized);
        assertThat(anonymous.asked).containsExactly("switch");

        Recorder failing = new Recorder(request("GET", "/u", Map.of(), Map.of(), Map.of(), "ada", "pw"));
        failing.failLogIn = true;
        assertThat(serve(Endpoint.http("/u").withAuthenticateUsers(), a -> "ran", failing)).isEqualTo(unauthorized);
        assertThat(failing.asked).containsExactly("user", "logIn ada pw");

        Recorder known = new Recorder(request("GET", "/u", Map.of(), Map.of(), Map.of(), "ada", "pw"));
        known.loggedIn = "ada's row";
        assertThat(serve(Endpoint.http("/u").withAuthenticateUsers(), a -> known.request.user(), known).body())
                .isEqualTo("ada's row");
        Recorder session = new Recorder(get("/u"));
        session.sessionUser = "already in";
        assertThat(serve(Endpoint.http("/u").withAuthenticateUsers(), a -> session.request.user(), session).body())
                .isEqualTo("already in");
        assertThat(session.asked).containsExactly("user");
    }

    @Test
    @DisplayName("Uplink protocol §3.3 a request travels as the platform's keyword arguments and back")
    void requestAsKeywordArguments() {
        BlobMedia body = new BlobMedia("application/json", "[1, NaN]".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        EndpointRequest sent = new EndpointRequest("/p/1", "PATCH", Map.of("q", List.of("1", "2")),
                Map.of("f", "x"), Map.of("origin", "https://o.example", "content-type", "application/json"),
                "127.0.0.1", body, "ada", "pw", null, WireCodec::readJson, u -> { });
        Map<String, Object> kwargs = sent.toKwargs();
        assertThat(kwargs).containsOnlyKeys("method", "path", "origin", "query_params", "form_params", "headers",
                "remote_address", "body", "username", "password", "same_app_alternate_origin");
        Map<String, Object> more = new LinkedHashMap<>(kwargs);
        more.put("future_keyword", 1L);
        EndpointRequest received = EndpointRequest.fromKwargs(more, WireCodec::readJson);
        assertThat(received.method()).isEqualTo("PATCH");
        assertThat(received.path()).isEqualTo("/p/1");
        assertThat(received.origin()).isEqualTo("https://o.example");
        assertThat(received.queryParams()).isEqualTo(Map.of("q", List.of("1", "2")));
        assertThat(received.formParams()).isEqualTo(Map.of("f", "x"));
        assertThat(received.remoteAddress()).isEqualTo("127.0.0.1");
        assertThat(received.body()).isSameAs(body);
        assertThat(received.username()).isEqualTo("ada");
        assertThat(received.password()).isEqualTo("pw");
        assertThat(received.bodyJson()).isEqualTo(List.of(1L, Double.NaN)).isSameAs(received.bodyJson());

        Map<String, Object> missing = new LinkedHashMap<>(kwargs);
        missing.remove("headers");
        assertThatThrownBy(() -> EndpointRequest.fromKwargs(missing, WireCodec::readJson)).isInstanceOf(TypeError.class)
                .hasMessageContaining("'headers'");
        Map<String, Object> wrong = new LinkedHashMap<>(kwargs);
        wrong.put("body", "not media");
        assertThatThrownBy(() -> EndpointRequest.fromKwargs(wrong, WireCodec::readJson)).isInstanceOf(TypeError.class)
                .hasMessageContaining("'body' must be Media or None");
        EndpointRequest broken = new EndpointRequest("/j", "POST", Map.of(), Map.of(),
                Map.of("content-type", "application/json; charset=utf-8"), null,
                new BlobMedia("application/json", new byte[] {'{'}), null, null, null, WireCodec::readJson, u -> { });
        assertThatThrownBy(broken::bodyJson).isInstanceOf(ValueError.class)
                .hasMessageStartingWith("The request body is not valid JSON");
    }

    @Test
    @DisplayName("HTTP-15 the reply dictionary: headers as pairs or a dict, defaults, and what cannot be sent")
    void replyDictionary() {
        EndpointReply reply = new EndpointReply(404, Map.of("error", "none"), List.of(Map.entry("x-a", "1"),
                Map.entry("x-a", "2")));
        Map<String, Object> wire = reply.toWire();
        assertThat(wire).isEqualTo(Map.of("status", 404L, "body", Map.of("error", "none"),
                "headers", List.of(List.of("x-a", "1"), List.of("x-a", "2"))));
        assertThat(EndpointReply.fromWire(wire)).isEqualTo(reply);
        Map<String, Object> dict = new LinkedHashMap<>();
        dict.put("body", "Unauthorized");
        dict.put("headers", Map.of("WWW-Authenticate", "Basic"));
        assertThat(EndpointReply.fromWire(dict)).isEqualTo(new EndpointReply(200, "Unauthorized",
                List.of(Map.entry("WWW-Authenticate", "Basic"))));
        assertThat(EndpointReply.fromWire("not a dict")).isEqualTo(new EndpointReply(200, null, List.of()));
        assertThat(EndpointReply.fromWire(Map.of("status", "201"))).isNull();
        assertThat(EndpointReply.fromWire(Map.of("headers", List.of(List.of("x-only-a-name"))))).isNull();
    }

    @Test
    @DisplayName("Uplink protocol §3.1 an endpoint registers as its command prefix and its path as a regex")
    void registeredNames() {
        Recorder host = new Recorder(get("/"));
        assertThat(new EndpointWrapper(Endpoint.http("/users/:id/h/:item"), a -> null, host).registeredName())
                .isEqualTo("http:/users/([^/]*)/h/([^/]*)");
        assertThat(new EndpointWrapper(Endpoint.route("/"), a -> null, host).registeredName()).isEqualTo("route:/");
        assertThat(new EndpointWrapper(Endpoint.wellknown("/x"), a -> null, host).registeredName())
                .isEqualTo("http-wellknown:/x");
    }
}
