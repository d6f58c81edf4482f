package dev.anvilcheck.runtime.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anvilcheck.runtime.AnvilRuntime;
import dev.anvilcheck.runtime.SimulatedBrowser;
import dev.anvilcheck.server.AnvilServer;
import dev.anvilcheck.server.AnvilWrappedError;
import dev.anvilcheck.server.host.CallScope;
import dev.anvilcheck.uplink.Uplink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code anvil.server.get_session_id()} on an uplink asks the server, as the Python client does
 * ({@code anvil.private.get_session_id}): the served call's session, the connection's own at the
 * top level, and the platform's typeless "Permission denied" for a client-key uplink (SESS-09, AUTH-06).
 */
class UplinkSessionIdTest {
    private final LoopbackUplinks loopback = new LoopbackUplinks();
    private final AnvilRuntime runtime = loopback.runtime();

    @AfterEach
    void close() throws Exception {
        loopback.close();
    }

    @Test
    @DisplayName("SESS-09 inside a call it serves, an uplink gets the caller's session id")
    void insideAServedCall() {
        loopback.connect(LoopbackUplinks.KEY).register("my_session", a -> AnvilServer.getSessionId());
        SimulatedBrowser browser = runtime.browser();
        assertThat(browser.call("my_session")).isEqualTo(browser.sessionId());
    }

    @Test
    @DisplayName("SESS-09 at the top level, a server uplink gets its connection's own session id, the same each time")
    void atTheTopLevel() {
        Uplink uplink = loopback.connect(LoopbackUplinks.KEY);
        try (CallScope.Binding top = uplink.bind()) {
            String id = AnvilServer.getSessionId();
            assertThat(id).isNotBlank();
            assertThat(AnvilServer.getSessionId()).isEqualTo(id);
            assertThat(id).isNotEqualTo(runtime.browser().sessionId());
        }
    }

    @Test
    @DisplayName("AUTH-06 a client-key uplink is refused with the platform's typeless Permission denied")
    void refusedToClientCode() {
        Uplink client = loopback.connect(LoopbackUplinks.CLIENT_KEY);
        try (CallScope.Binding top = client.bind()) {
            assertThatThrownBy(AnvilServer::getSessionId).isInstanceOfSatisfying(AnvilWrappedError.class,
                    e -> assertThat(e.wireType()).isNull())
                    .hasMessage("Permission denied. Cannot get the current session ID from client code.");
        }
    }
}
