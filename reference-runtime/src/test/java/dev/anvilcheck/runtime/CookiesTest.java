package dev.anvilcheck.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anvilcheck.media.BlobMedia;
import dev.anvilcheck.media.LazyMedia;
import dev.anvilcheck.python.KeyError;
import dev.anvilcheck.python.TypeError;
import dev.anvilcheck.server.AnvilServer;
import dev.anvilcheck.server.AnvilWrappedError;
import dev.anvilcheck.server.CookieError;
import dev.anvilcheck.server.CookieJar;
import dev.anvilcheck.server.SerializationError;
import dev.anvilcheck.spi.Caller;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Browser cookies in the reference runtime (SESS-16, SESS-17). */
class CookiesTest {
    private final AnvilRuntime runtime = AnvilRuntime.create();

    @BeforeEach
    void register() {
        runtime.register("put", a -> {
            jar(a.get(0)).put((String) a.get(1), a.get(2));
            return null;
        });
        runtime.register("get", a -> jar(a.get(0)).get((String) a.get(1), "<absent>"));
        runtime.register("strict_get", a -> jar(a.get(0)).get((String) a.get(1)));
    }

    private static CookieJar jar(Object name) {
        return "shared".equals(name) ? AnvilServer.cookies().shared() : AnvilServer.cookies().local();
    }

    @AfterEach
    void close() {
        runtime.close();
    }

    @Test
    void sess16_cookiesPersistAcrossCallsAndJarsAreSeparate() {
        SimulatedBrowser browser = runtime.browser();
        browser.call("put", "local", "colour", "green");
        assertThat(browser.call("get", "local", "colour")).isEqualTo("green");
        assertThat(browser.call("get", "shared", "colour")).isEqualTo("<absent>");
        browser.call("put", "shared", "colour", "blue");
        assertThat(browser.cookies().local().get("colour")).isEqualTo("green");
        assertThat(browser.cookies().shared().get("colour")).isEqualTo("blue");
        assertThat(runtime.browser().call("get", "local", "colour")).as("another browser").isEqualTo("<absent>");
    }

    @Test
    void sess16_aCookiePastThePlatformsStoredSizeIsRefusedAndTheJarKeepsItsEntries() {
        // stored as base64(12-byte IV + ":c:" + {"c":{<16 hex>:{"k":["<text>",<13-digit ms>]}},"id":"x","objects":[]}
        // + 16-byte tag): 4000 characters hold 3000 bytes, so the text may be 3000 - 31 - 73 = 2896 long
        SimulatedBrowser browser = runtime.browser();
        browser.call("put", "local", "k", "a".repeat(2_896));
        assertThat(browser.cookies().local().get("k")).isEqualTo("a".repeat(2_896));
        assertThatThrownBy(() -> browser.call("put", "local", "k", "b".repeat(2_897)))
                .isInstanceOf(CookieError.class).hasMessage("Cookie too big");
        assertThat(browser.cookies().local().get("k")).as("the refused update changed nothing").isEqualTo("a".repeat(2_896));
        browser.call("put", "shared", "other", "x".repeat(2_000));
        assertThatThrownBy(() -> browser.call("put", "shared", "more", "y".repeat(1_000)))
                .as("the limit is on the whole jar").isInstanceOf(CookieError.class);
        assertThat(browser.call("get", "shared", "more")).isEqualTo("<absent>");
    }

    @Test
    void sess16_jarOperations() {
        SimulatedBrowser browser = runtime.browser();
        List<Object> seen = new ArrayList<>();
        runtime.register("exercise", a -> {
            CookieJar jar = AnvilServer.cookies().local();
            try {
                jar.get("missing");
                seen.add("no error");
            } catch (KeyError e) {
                seen.add("KeyError");
            }
            seen.add(jar.get("missing", "dflt"));
            jar.put("none", null);
            seen.add(jar.get("none", "dflt"));
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("a", 1);
            values.put("b", List.of("x"));
            jar.set(values);
            seen.add(jar.get("a"));
            seen.add(jar.get("b"));
            jar.remove("a");
            jar.remove("never_there");
            seen.add(jar.get("a", "gone"));
            jar.clear();
            seen.add(jar.get("b", "cleared"));
            return null;
        });
        browser.call("exercise");
        assertThat(seen).containsExactly("KeyError", "dflt", null, 1L, List.of("x"), "gone", "cleared");
        assertThatThrownBy(() -> browser.call("strict_get", "local", "b")).isInstanceOf(KeyError.class);
    }

    @Test
    void sess16_cookiesExpireByTheRuntimesClock() {
        SimulatedBrowser browser = runtime.browser();
        browser.call("put", "local", "month", "m");
        browser.cookies().local().set(1, Map.of("day", "d"));
        browser.cookies().local().set(0.5, Map.of("half", "h"));
        browser.cookies().local().set(0, Map.of("never", "n"));
        assertThat(browser.cookies().local().get("never", null)).isNull();
        runtime.fakeClock().advance(Duration.ofHours(12));
        browser.resetSession();
        assertThat(browser.call("get", "local", "half")).isEqualTo("<absent>");
        assertThat(browser.call("get", "local", "day")).isEqualTo("d");
        runtime.fakeClock().advance(Duration.ofHours(12));
        browser.resetSession();
        assertThat(browser.call("get", "local", "day")).isEqualTo("<absent>");
        runtime.fakeClock().advance(Duration.ofDays(29).minusMinutes(1));
        browser.resetSession();
        assertThat(browser.call("get", "local", "month")).isEqualTo("m");
        runtime.fakeClock().advance(Duration.ofMinutes(1));
        assertThat(browser.cookies().local().get("month", "<absent>")).isEqualTo("<absent>");
    }

    @Test
    void sess16_cookiesSurviveResetSessionAndFailedCalls() {
        SimulatedBrowser browser = runtime.browser();
        runtime.register("put_and_fail", a -> {
            AnvilServer.cookies().local().put("kept", "yes");
            throw new IllegalStateException("after the cookie");
        });
        assertThatThrownBy(() -> browser.call("put_and_fail")).isInstanceOf(RuntimeException.class);
        String oldSession = browser.sessionId();
        runtime.faults().expireSession(browser); // a live session is kept by reset_session (SESS-12)
        browser.resetSession();
        assertThat(browser.sessionId()).isNotEqualTo(oldSession);
        assertThat(browser.call("get", "local", "kept")).isEqualTo("yes");
    }

    @Test
    void sess16_valuesAreCopiesStampedInTheWritersZone() {
        SimulatedBrowser browser = runtime.browser();
        List<Object> list = new ArrayList<>(List.of(1));
        browser.cookies().local().put("list", list);
        list.add(2);
        @SuppressWarnings("unchecked")
        List<Object> read = (List<Object>) browser.cookies().local().get("list");
        read.add(3);
        assertThat(browser.cookies().local().get("list")).isEqualTo(List.of(1L));
        browser.zone(ZoneOffset.ofHours(2));
        browser.cookies().local().put("when", LocalDateTime.of(2026, 1, 1, 12, 0));
        assertThat(browser.cookies().local().get("when"))
                .isEqualTo(OffsetDateTime.of(2026, 1, 1, 12, 0, 0, 0, ZoneOffset.ofHours(2)));
    }

    @Test
    void sess17_mediaAndUnserialisableValuesAreRefusedAndNothingIsStored() {
        SimulatedBrowser browser = runtime.browser();
        CookieJar jar = browser.cookies().local();
        BlobMedia media = new BlobMedia("text/plain", "hi".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> jar.put("file", media)).isExactlyInstanceOf(AnvilWrappedError.class)
                .hasMessage("Cannot store Media in cookies.")
                .satisfies(e -> assertThat(((AnvilWrappedError) e).wireType()).isNull());
        Map<String, Object> mixed = new LinkedHashMap<>();
        mixed.put("ok", 1);
        mixed.put("deep", List.of(Map.of("file", media)));
        assertThatThrownBy(() -> jar.set(mixed)).isExactlyInstanceOf(AnvilWrappedError.class);
        assertThat(jar.get("ok", "not stored")).isEqualTo("not stored");
        assertThatThrownBy(() -> jar.put("set", java.util.Set.of(1))).isInstanceOf(SerializationError.class)
                .hasMessageStartingWith("Cannot serialize arguments to function.");
        assertThatThrownBy(() -> jar.put(null, 1)).isInstanceOf(TypeError.class);
        Map<String, Object> nullKey = new HashMap<>();
        nullKey.put(null, 1);
        assertThatThrownBy(() -> jar.set(nullKey)).isInstanceOf(TypeError.class);
        assertThatThrownBy(() -> jar.set(null)).isInstanceOf(TypeError.class);
        assertThatThrownBy(() -> browser.call("put", "local", "file", media)).isInstanceOf(AnvilWrappedError.class)
                .hasMessage("Cannot store Media in cookies.");
        LazyMedia lazy = new LazyMedia("row/1", () -> media);
        jar.put("lazy", lazy);
        assertThat(jar.get("lazy")).isInstanceOf(LazyMedia.class).isNotSameAs(lazy);
    }

    @Test
    void sess17_sessionsNoBrowserStartedRaiseCookieError() {
        for (Caller caller : List.<Caller>of(runtime.http(), runtime.uplink(), runtime.clientUplink(),
                runtime.backgroundTask(), runtime.email(), runtime.scheduledTask())) {
            assertThatThrownBy(() -> caller.call("get", "local", "k")).as(caller.kind().name())
                    .isInstanceOf(CookieError.class)
                    .hasMessage("This connection is not from a web browser - cannot access cookies.");
            assertThatThrownBy(() -> caller.call("put", "shared", "k", 1)).isInstanceOf(CookieError.class);
        }
    }

    @Test
    void sess16_serverCodeInABrowsersSessionSeesItsCookies() {
        SimulatedBrowser browser = runtime.browser();
        browser.cookies().local().put("k", "v");
        runtime.register("nested", a -> AnvilServer.call("get", "local", "k"));
        assertThat(browser.call("nested")).isEqualTo("v");
        SimulatedUplink uplink = runtime.uplink();
        uplink.register("on_uplink", a -> AnvilServer.cookies().local().get("k"));
        assertThat(browser.call("on_uplink")).isEqualTo("v");
        SimulatedServerModule server = runtime.serverModule();
        server.call("put", "local", "s", "server");
        assertThat(server.cookies().local().get("s")).isEqualTo("server");
    }

    @Test
    void sess16_aServerModulesRenewedSessionKeepsItsCookies() {
        SimulatedServerModule server = runtime.serverModule();
        server.call("put", "local", "k", "v");
        String first = server.sessionId();
        runtime.fakeClock().advance(Duration.ofHours(1));
        assertThat(server.call("get", "local", "k")).isEqualTo("v");
        assertThat(server.sessionId()).isNotEqualTo(first);
    }
}
