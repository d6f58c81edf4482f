package dev.anvilcheck.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anvilcheck.media.BlobMedia;
import dev.anvilcheck.runtime.AnvilRuntime;
import dev.anvilcheck.runtime.SimulatedBrowser;
import dev.anvilcheck.server.AppResponder;
import dev.anvilcheck.server.Endpoint;
import dev.anvilcheck.server.FormResponse;
import dev.anvilcheck.server.HttpResponse;
import dev.anvilcheck.spi.RawHttpResponse;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How return values become responses (HTTP-11..19, MISC-03). */
class HttpResponseMappingTest {
    private final AnvilRuntime runtime = AnvilRuntime.create();

    @AfterEach
    void close() {
        runtime.close();
    }

    private RawHttpResponse returning(Object value) {
        runtime.registerEndpoint(Endpoint.http("/v"), a -> value);
        return runtime.http().get("/_/api/v");
    }

    @Test
    void stringIsPlainText() {
        RawHttpResponse r = returning("h\u00e9llo");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("content-type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(r.text()).isEqualTo("h\u00e9llo");
    }

    @Test
    void mediaIsServedWithItsTypeAndAnInlineName() {
        RawHttpResponse r = returning(new BlobMedia("image/png", new byte[] {9, 8}, "my \"pic\".png"));
        assertThat(r.header("content-type")).isEqualTo("image/png");
        assertThat(r.header("content-disposition")).isEqualTo("inline; filename=\"my%20_pic_.png\"");
        assertThat(r.body()).containsExactly(9, 8);
        RawHttpResponse odd = returning(new BlobMedia("image/png", new byte[] {1}, "a~b*c+d/\u00e9.png"));
        assertThat(odd.header("content-disposition")).as("encoded as the App Server's url encoder encodes it")
                .isEqualTo("inline; filename=\"a~b%2Ac%2Bd%2F%C3%A9.png\"");
        RawHttpResponse unnamed = returning(new BlobMedia("text/csv", new byte[] {1}));
        assertThat(unnamed.headers()).doesNotContainKey("content-disposition");
    }

    @Test
    void jsonValuesAreJsonAndNoneIsNull() {
        assertThat(returning(Map.of("n", 7)).text()).isEqualTo("{\"n\":7}");
        assertThat(returning(Arrays.asList(1.5, true, null)).text()).isEqualTo("[1.5,true,null]");
        RawHttpResponse none = returning(null);
        assertThat(none.header("content-type")).isEqualTo("application/json");
        assertThat(none.text()).isEqualTo("null");
    }

    @Test
    void valuesThatAreNotJsonGet500WithTheReason() {
        RawHttpResponse r = returning(Map.of("when", List.of(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC))));
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.text()).startsWith("Cannot send a datetime object over HTTP as response[\"when\"][0].");
        assertThat(returning(LocalDate.of(2024, 1, 2)).text()).startsWith("Cannot send a date object over HTTP");
        RawHttpResponse junk = returning(new Object());
        assertThat(junk.status()).isEqualTo(500);
        assertThat(junk.text()).isEqualTo("An exception was raised. Check the application logs for details.");
    }

    @Test
    void httpResponseSetsStatusAndHeadersAndMayOverrideTheDefaults() {
        HttpResponse resp = new HttpResponse(201, "made", Map.of("X-Id", "7", "Content-Type", "text/csv"));
        resp.addHeader("Set-Cookie", "theirs=1");
        resp.addHeader("set-cookie", "anvil-session=stolen");
        resp.addHeader("Set-Cookie", "anvilapp=x; Path=/");
        resp.addHeader("x-id", "8");
        RawHttpResponse r = returning(resp);
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.text()).isEqualTo("made");
        assertThat(r.header("content-type")).isEqualTo("text/csv");
        assertThat(r.headerValues("x-id")).containsExactly("7", "8");
        assertThat(r.headerValues("set-cookie")).as("only the cookie jars are protected (HTTP-16)")
                .containsExactly("theirs=1", "anvil-session=stolen");
        RawHttpResponse empty = returning(new HttpResponse());
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.body()).isEmpty();
        assertThat(returning(new HttpResponse(404, Map.of("e", 1))).text()).isEqualTo("{\"e\":1}");
    }

    @Test
    void exceptionsGive500WithoutDetails() {
        runtime.registerEndpoint(Endpoint.http("/boom"), a -> {
            throw new IllegalStateException("secret detail");
        });
        RawHttpResponse r = runtime.http().get("/_/api/boom");
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.header("content-type")).isEqualTo("text/plain");
        assertThat(r.text()).isEqualTo("An exception was raised. Check the application logs for details.");
    }

    @Test
    void appResponsesOpenTheAppFromRoutesOnly() {
        runtime.registerEndpoint(Endpoint.route("/page"), a -> new FormResponse("Home", List.of(1), Map.of()));
        runtime.registerEndpoint(Endpoint.http("/page"), a -> new FormResponse("Home", List.of(), Map.of()));
        runtime.registerEndpoint(Endpoint.route("/start"), a -> AppResponder.of(
                dev.anvilcheck.server.Kwargs.kw("data", Map.of("k", 1)).and("meta", Map.of("title", "T")))
                .loadForm("Start"));
        RawHttpResponse page = runtime.http().get("/page");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("content-type")).isEqualTo("text/html; charset=utf-8");
        assertThat(page.text()).contains("\"form\":\"Home\"", "\"args\":[1]");
        assertThat(runtime.http().get("/_/api/page").status()).isEqualTo(500);
        SimulatedBrowser browser = runtime.browser();
        assertThat(browser.startupData()).isNull();
        RawHttpResponse start = browser.openPage("/start");
        assertThat(start.text()).contains("<meta name=\"title\" content=\"T\">");
        assertThat(browser.startupData()).isEqualTo(Map.of("k", 1L));
        browser.openPage("/page");
        assertThat(browser.startupData()).isNull();
    }
}
