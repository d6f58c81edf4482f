package dev.anvilcheck.runtime.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anvilcheck.python.KeyError;
import dev.anvilcheck.runtime.AnvilRuntime;
import dev.anvilcheck.runtime.SimulatedBrowser;
import dev.anvilcheck.server.AnvilServer;
import dev.anvilcheck.server.AnvilWrappedError;
import dev.anvilcheck.server.CookieError;
import dev.anvilcheck.server.CookieJar;
import dev.anvilcheck.server.host.CallScope;
import dev.anvilcheck.uplink.Uplink;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code anvil.server.cookies} on an uplink goes through the server, as the Python client's
 * {@code AnvilCookie} does: the served browser's cookies (SESS-16), none at the top level
 * ({@code CookieError}, SESS-17), and the typeless "Permission denied" for client code (AUTH-06).
 */
class UplinkCookiesTest {
    private final LoopbackUplinks loopback = new LoopbackUplinks();
    private final AnvilRuntime runtime = loopback.runtime();

    @AfterEach
    void close() throws Exception {
        loopback.close();
    }

    @Test
    @DisplayName("SESS-16 an uplink serving a browser's call reads and writes that browser's cookies")
    void theServedBrowsersCookies() {
        loopback.connect(LoopbackUplinks.KEY).register("cookie_work", a -> {
            CookieJar local = AnvilServer.cookies().local();
            List<Object> seen = new ArrayList<>();
            seen.add(local.get("theme", "<absent>"));
            local.put("theme", "dark");
            local.set(1, Map.of("day", "d", "gone", "g"));
            local.remove("gone");
            seen.add(local.get("theme"));
            seen.add(local.get("gone", "<absent>"));
            try {
                local.get("never");
                seen.add("no KeyError");
            } catch (KeyError e) {
                seen.add("KeyError");
            }
            AnvilServer.cookies().shared().put("s", 1L);
            AnvilServer.cookies().shared().clear();
            seen.add(AnvilServer.cookies().shared().get("s", "<cleared>"));
            return seen;
        });
        SimulatedBrowser browser = runtime.browser();
        browser.cookies().local().put("theme", "light");

        assertThat(browser.call("cookie_work")).isEqualTo(List.of("light", "dark", "<absent>", "KeyError", "<cleared>"));
        assertThat(browser.cookies().local().get("theme")).isEqualTo("dark");
        assertThat(browser.cookies().local().get("day")).isEqualTo("d");
    }

    @Test
    @DisplayName("SESS-17 at the top level an uplink's session is not a browser's: CookieError")
    void noCookiesAtTheTopLevel() {
        Uplink uplink = loopback.connect(LoopbackUplinks.KEY);
        try (CallScope.Binding top = uplink.bind()) {
            assertThatThrownBy(() -> AnvilServer.cookies().local().get("theme")).isInstanceOf(CookieError.class)
                    .hasMessage("This connection is not from a web browser - cannot access cookies.");
        }
    }

    @Test
    @DisplayName("AUTH-06 a client-key uplink is refused with the platform's typeless Permission denied")
    void refusedToClientCode() {
        Uplink client = loopback.connect(LoopbackUplinks.CLIENT_KEY);
        try (CallScope.Binding top = client.bind()) {
            assertThatThrownBy(() -> AnvilServer.cookies().local().put("k", "v"))
                    .isInstanceOfSatisfying(AnvilWrappedError.class, e -> assertThat(e.wireType()).isNull())
                    .hasMessage("Permission denied. Cannot set cookies from client code.");
        }
    }
}
