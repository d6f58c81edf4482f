package dev.anvilcheck.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anvilcheck.runtime.AnvilRuntime;
import dev.anvilcheck.server.AnvilServer;
import dev.anvilcheck.server.Endpoint;
import dev.anvilcheck.server.HttpEndpoint;
import dev.anvilcheck.server.HttpRequest;
import dev.anvilcheck.server.Route;
import dev.anvilcheck.server.VarKeyword;
import dev.anvilcheck.server.WellknownEndpoint;
import dev.anvilcheck.spi.RawHttpRequest;
import dev.anvilcheck.spi.RawHttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Routing of requests to endpoints: prefixes, path patterns, keyword arguments and methods (HTTP-01..07). */
class HttpRoutingTest {
    private final AnvilRuntime runtime = AnvilRuntime.create();

    @AfterEach
    void close() {
        runtime.close();
    }

    public static class Users {
        @HttpEndpoint("/users/:id")
        public Map<String, Object> user(String id) {
            return Map.of("id", id);
        }

        @HttpEndpoint(value = "/users/:id/history/:item", methods = {"GET", "PUT"})
        public String history(String id, String item, HttpRequest request) {
            return request.method() + " " + id + "/" + item;
        }

        @Route("/hello/:name")
        public String hello(String name, @VarKeyword Map<String, Object> rest) {
            return "hello " + name + " " + rest;
        }

        @WellknownEndpoint("/security.txt")
        public String security() {
            return "Contact: " + AnvilServer.request().path();
        }
    }

    @Test
    void annotatedEndpointsServeUnderTheirPrefixes() {
        runtime.register(new Users());
        assertThat(runtime.http().get("/_/api/users/7").text()).isEqualTo("{\"id\":\"7\"}");
        assertThat(runtime.http().get("/hello/ann?x=1").text()).isEqualTo("hello ann {x=1}");
        assertThat(runtime.http().get("/.well-known/security.txt").text()).isEqualTo("Contact: /security.txt");
        assertThat(runtime.http().get("/users/7").status()).isEqualTo(404);
        assertThat(runtime.http().get("/_/api/hello/ann").status()).isEqualTo(404);
        assertThat(runtime.http().get("/_/other").status()).isEqualTo(404);
    }

    @Test
    void parametersMatchOneSegmentIncludingEmptyAndMidPath() {
        runtime.register(new Users());
        assertThat(runtime.http().get("/_/api/users/").text()).isEqualTo("{\"id\":\"\"}");
        assertThat(runtime.http().request("PUT", "/_/api/users/7/history/42", null, null).text())
                .isEqualTo("PUT 7/42");
        assertThat(runtime.http().get("/_/api/users/7/extra").status()).isEqualTo(404);
        RawHttpResponse none = runtime.http().get("/_/api/nothing");
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.text()).isEqualTo("No matching API endpoint");
        assertThat(none.header("content-type")).isEqualTo("text/plain");
    }

    @Test
    void pathParametersArePercentDecodedAndMalformedEscapesKeptAsSent() {
        runtime.register(new Users());
        assertThat(runtime.http().get("/_/api/users/John%20Smith").text()).isEqualTo("{\"id\":\"John Smith\"}");
        assertThat(runtime.http().get("/_/api/users/a%2Fb").text()).isEqualTo("{\"id\":\"a/b\"}");
        assertThat(runtime.http().get("/_/api/users/%E2%82%AC+1").text()).isEqualTo("{\"id\":\"\u20ac+1\"}");
        assertThat(runtime.http().get("/_/api/users/100%zz").text()).isEqualTo("{\"id\":\"100%zz\"}");
    }

    @Test
    void firstRegisteredMatchWinsAndReRegistrationKeepsItsPlace() {
        runtime.registerEndpoint(Endpoint.http("/items/:id"), a -> "first " + a.kw("id"));
        runtime.registerEndpoint(Endpoint.http("/items/special"), a -> "second");
        assertThat(runtime.http().get("/_/api/items/special").text()).isEqualTo("first special");
        runtime.registerEndpoint(Endpoint.http("/items/:id"), a -> "replaced " + a.kw("id"));
        assertThat(runtime.http().get("/_/api/items/special").text()).isEqualTo("replaced special");
    }

    @Test
    void keywordArgumentsAreFormThenQueryThenPath() {
        AtomicInteger calls = new AtomicInteger();
        runtime.registerEndpoint(Endpoint.http("/k/:a"), args -> {
            calls.incrementAndGet();
            return args.kwargs();
        });
        RawHttpResponse r = runtime.http().send(RawHttpRequest.of("POST", "/_/api/k/path?a=query&b=query&r=1&r=2")
                .withBody("application/x-www-form-urlencoded", "a=form&b=form&c=form"));
        assertThat(r.text()).isEqualTo("{\"a\":\"path\",\"b\":\"query\",\"c\":\"form\",\"r\":[\"1\",\"2\"]}");
        assertThat(calls).hasValue(1);
    }

    public static class Strict {
        @HttpEndpoint("/strict")
        public String strict(String a) {
            return a;
        }
    }

    @Test
    void unexpectedKeywordArgumentsFailTheEndpointWith500() {
        runtime.register(new Strict());
        assertThat(runtime.http().get("/_/api/strict?a=1").text()).isEqualTo("1");
        RawHttpResponse r = runtime.http().get("/_/api/strict?a=1&b=2");
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.text()).isEqualTo("An exception was raised. Check the application logs for details.");
        assertThat(runtime.http().get("/_/api/strict").status()).as("a missing argument").isEqualTo(500);
    }

    @Test
    void otherMethodsGet405WithAllowAndTheBodyDoesNotRun() {
        AtomicInteger calls = new AtomicInteger();
        runtime.registerEndpoint(Endpoint.http("/m").withMethods("GET", "PUT"), a -> calls.incrementAndGet());
        RawHttpResponse r = runtime.http().request("DELETE", "/_/api/m", null, null);
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.text()).isEqualTo("Method not supported");
        assertThat(r.header("allow")).isEqualTo("GET, PUT");
        assertThat(runtime.http().request("OPTIONS", "/_/api/m", null, null).status()).isEqualTo(405);
        assertThat(runtime.http().request("get", "/_/api/m", null, null).status()).isEqualTo(200);
        assertThat(calls).hasValue(1);
    }

    @Test
    void corsAddsHeadersAndAnswersPreflights() {
        AtomicInteger calls = new AtomicInteger();
        runtime.registerEndpoint(Endpoint.http("/c").withCors(), a -> calls.incrementAndGet());
        runtime.registerEndpoint(Endpoint.http("/one").withCorsOrigin("https://a.example"), a -> "x");
        RawHttpResponse pre = runtime.http().send(RawHttpRequest.of("OPTIONS", "/_/api/c")
                .withHeader("Access-Control-Request-Headers", "X-Token, Content-Type"));
        assertThat(pre.status()).isEqualTo(200);
        assertThat(pre.body()).isEmpty();
        assertThat(pre.header("access-control-allow-origin")).isEqualTo("*");
        assertThat(pre.header("access-control-allow-headers")).isEqualTo("content-type, x-token");
        assertThat(calls).hasValue(0);
        assertThat(runtime.http().get("/_/api/c").header("access-control-allow-origin")).isEqualTo("*");
        assertThat(runtime.http().get("/_/api/one").header("access-control-allow-origin"))
                .isEqualTo("https://a.example");
        runtime.registerEndpoint(Endpoint.http("/plain"), a -> "x");
        assertThat(runtime.http().get("/_/api/plain").headers()).doesNotContainKey("access-control-allow-origin");
    }

    @Test
    void invalidPatternsAndModulesWithoutMethodsAreRefused() {
        assertThatThrownBy(() -> runtime.registerEndpoint(Endpoint.http("/bad/("), a -> null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/bad/(");
        assertThatThrownBy(() -> runtime.register(new Object()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no @Callable methods");
        assertThatThrownBy(() -> Endpoint.wellknown("no-slash")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Endpoint.http("/x").methods()).isEqualTo(List.of("GET", "POST"));
    }
}
