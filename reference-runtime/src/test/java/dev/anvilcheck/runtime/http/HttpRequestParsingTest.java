package dev.anvilcheck.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anvilcheck.media.Media;
import dev.anvilcheck.python.ValueError;
import dev.anvilcheck.runtime.AnvilRuntime;
import dev.anvilcheck.server.AnvilServer;
import dev.anvilcheck.server.Endpoint;
import dev.anvilcheck.server.HttpRequest;
import dev.anvilcheck.spi.RawHttpRequest;
import dev.anvilcheck.spi.RawHttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What {@code request()} shows an endpoint, and bad input (HTTP-10, HTTP-20..26, Q-07). */
class HttpRequestParsingTest {
    private final AnvilRuntime runtime = AnvilRuntime.builder().maxHttpBody(1024).build();
    private final AtomicReference<HttpRequest> seen = new AtomicReference<>();

    @AfterEach
    void close() {
        runtime.close();
    }

    private void recordAt(Endpoint endpoint) {
        runtime.registerEndpoint(endpoint, a -> {
            seen.set(AnvilServer.request());
            return "ok";
        });
    }

    @Test
    void pathMethodOriginHeadersAndRemoteAddress() {
        recordAt(Endpoint.http("/r/:x").withMethods("PATCH"));
        RawHttpResponse r = runtime.http().ip("10.1.2.3").send(RawHttpRequest.of("patch", "/_/api/r/1?q=a%20b")
                .withHeader("Origin", "http://localhost:3030").withHeader("X-Multi", "1").withHeader("x-multi", "2")
                .withHeader("Cookie", "theirs=1; anvil-session=abc; anvilapp=zz; mine=2"));
        assertThat(r.status()).isEqualTo(200);
        HttpRequest req = seen.get();
        assertThat(req.path()).isEqualTo("/r/1");
        assertThat(req.method()).isEqualTo("PATCH");
        assertThat(req.origin()).isEqualTo("http://localhost:3030");
        assertThat(req.headers()).containsEntry("x-multi", "1,2").containsEntry("cookie", "theirs=1; anvil-session=abc; mine=2");
        assertThat(req.remoteAddress()).isEqualTo("10.1.2.3");
        assertThat(req.queryParams()).isEqualTo(Map.of("q", "a b"));
        assertThat(req.formParams()).isEmpty();
        assertThat(req.body()).isNull();
        assertThat(req.bodyJson()).isNull();
        assertThat(req.username()).isNull();
        assertThat(req.password()).isNull();
        assertThat(req.user()).isNull();
    }

    @Test
    void formAndQueryParametersWithRepeatedKeys() {
        recordAt(Endpoint.http("/f"));
        runtime.http().send(RawHttpRequest.of("POST", "/_/api/f?t=1&t=2&t=3&e=&flag")
                .withBody("application/x-www-form-urlencoded; charset=UTF-8", "name=J%C3%BCrgen+M&k=a&k=b"));
        assertThat(seen.get().queryParams()).isEqualTo(Map.of("t", List.of("1", "2", "3"), "e", "", "flag", ""));
        assertThat(seen.get().formParams()).isEqualTo(Map.of("name", "J\u00fcrgen M", "k", List.of("a", "b")));
        assertThat(seen.get().body().contentType()).isEqualTo("application/x-www-form-urlencoded; charset=UTF-8");
    }

    @Test
    void bodyIsMediaWithTheRequestsTypeAndName() {
        recordAt(Endpoint.http("/b"));
        runtime.http().send(RawHttpRequest.of("POST", "/_/api/b").withBody("image/png", new byte[] {1, 2, 3})
                .withHeader("Content-Disposition", "attachment; filename=\"pic.png\""));
        Media body = seen.get().body();
        assertThat(body.contentType()).isEqualTo("image/png");
        assertThat(body.name()).isEqualTo("pic.png");
        assertThat(body.getBytes()).containsExactly(1, 2, 3);
        runtime.http().post("/_/api/b", null, new byte[0]);
        assertThat(seen.get().body()).as("an empty body is no body").isNull();
    }

    @Test
    void bodyJsonDecodesJsonAlsoWithParametersAndIsCached() {
        recordAt(Endpoint.http("/j"));
        runtime.http().post("/_/api/j", "application/json; charset=utf-8", "{\"a\":[1,2.5,true,null,\"x\"]}");
        Object json = seen.get().bodyJson();
        assertThat(json).isEqualTo(Map.of("a", java.util.Arrays.asList(1L, 2.5, true, null, "x")));
        assertThat(seen.get().bodyJson()).isSameAs(json);
        runtime.http().post("/_/api/j", "text/plain", "{\"a\":1}");
        assertThat(seen.get().bodyJson()).isNull();
    }

    @Test
    void bodyThatIsNotTheDeclaredJsonRaisesValueErrorAndUncaughtGives500() {
        runtime.registerEndpoint(Endpoint.http("/caught"), a -> {
            try {
                return AnvilServer.request().bodyJson();
            } catch (ValueError e) {
                return "ValueError";
            }
        });
        runtime.registerEndpoint(Endpoint.http("/uncaught"), a -> AnvilServer.request().bodyJson());
        assertThat(runtime.http().post("/_/api/caught", "application/json", "{not json").text()).isEqualTo("ValueError");
        assertThat(runtime.http().post("/_/api/caught", "application/json", "{} extra").text()).isEqualTo("ValueError");
        RawHttpResponse r = runtime.http().post("/_/api/uncaught", "application/json", "[1,");
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.text()).doesNotContain("JSON");
        assertThat(runtime.http().post("/_/api/uncaught", "application/json", "[1]").text()).isEqualTo("[1]");
    }

    @Test
    void basicCredentialsAreDecodedLenientlyAsThePlatformDoes() {
        recordAt(Endpoint.http("/a"));
        String creds = Base64.getEncoder().encodeToString("ann@x.org:pa:ss w\u00f6rd".getBytes(StandardCharsets.UTF_8));
        runtime.http().send(RawHttpRequest.get("/_/api/a").withHeader("Authorization", "Basic " + creds));
        assertThat(seen.get().username()).isEqualTo("ann@x.org");
        assertThat(seen.get().password()).isEqualTo("pa:ss w\u00f6rd");
        // HTTP-10: characters outside the alphabet are skipped (commons-codec), nothing is refused
        seen.set(null);
        RawHttpResponse junk = runtime.http().send(RawHttpRequest.get("/_/api/a").withHeader("Authorization",
                "Basic YW5u!!OnB3*"));
        assertThat(junk.status()).isEqualTo(200);
        assertThat(seen.get().username()).isEqualTo("ann");
        assertThat(seen.get().password()).isEqualTo("pw");
        runtime.http().send(RawHttpRequest.get("/_/api/a").withHeader("Authorization", "Basic !!not-base64!!"));
        assertThat(seen.get().username()).as("decodes to text without a colon: no credentials").isNull();
        String urlSafeUnpadded = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("b\u00fcro:x?>".getBytes(StandardCharsets.UTF_8));
        runtime.http().send(RawHttpRequest.get("/_/api/a").withHeader("Authorization", "Basic " + urlSafeUnpadded));
        assertThat(seen.get().username()).isEqualTo("b\u00fcro");
        assertThat(seen.get().password()).isEqualTo("x?>");
        String twoLines = Base64.getEncoder().encodeToString("ann:first\nsecond".getBytes(StandardCharsets.UTF_8));
        runtime.http().send(RawHttpRequest.get("/_/api/a").withHeader("Authorization", "Basic " + twoLines));
        assertThat(seen.get().password()).as("the password ends with its line").isEqualTo("first");
        String noColon = Base64.getEncoder().encodeToString("justuser".getBytes(StandardCharsets.UTF_8));
        runtime.http().send(RawHttpRequest.get("/_/api/a").withHeader("Authorization", "Basic " + noColon));
        assertThat(seen.get().username()).isNull();
        runtime.http().send(RawHttpRequest.get("/_/api/a").withHeader("Authorization", "Bearer abc"));
        assertThat(seen.get().password()).isNull();
        assertThat(runtime.http().get("/_/api/a").status()).as("the runtime stays usable").isEqualTo(200);
    }

    @Test
    void bodiesOverTheLimitGet413AndTheRuntimeStaysUsable() {
        recordAt(Endpoint.http("/big"));
        RawHttpResponse r = runtime.http().post("/_/api/big", "application/octet-stream", new byte[1025]);
        assertThat(r.status()).isEqualTo(413);
        assertThat(runtime.http().post("/_/api/big", "application/octet-stream", new byte[1024]).status())
                .isEqualTo(200);
    }

    @Test
    void requestOutsideAnEndpointRaisesThePlatformsError() {
        runtime.register("fn", a -> AnvilServer.request());
        assertThatThrownBy(() -> runtime.browser().call("fn")).hasMessage(
                "anvil.server.request is only available in http_endpoint calls.");
        assertThatThrownBy(AnvilServer::request).isInstanceOf(IllegalStateException.class)
                .hasMessage("anvil.server.request is only available in http_endpoint calls.");
        assertThatThrownBy(AnvilServer::startupData).isInstanceOf(IllegalStateException.class)
                .hasMessage("anvil.server.startup_data is only available on the client");
    }
}
