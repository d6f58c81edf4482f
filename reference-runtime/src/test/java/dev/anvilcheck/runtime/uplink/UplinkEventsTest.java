package dev.anvilcheck.runtime.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anvilcheck.runtime.AnvilRuntime;
import dev.anvilcheck.runtime.SimulatedBrowser;
import dev.anvilcheck.server.AnvilServer;
import dev.anvilcheck.server.AnvilWrappedError;
import dev.anvilcheck.server.EventTarget;
import dev.anvilcheck.server.host.CallScope;
import dev.anvilcheck.uplink.Uplink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Server events from an uplink go through the server, as the Python client's {@code raise_event},
 * {@code subscribe} and friends do: in the served call's session, or the connection's own at the
 * top level; client uplinks are refused (MISC-05, AUTH-06).
 */
class UplinkEventsTest {
    private final LoopbackUplinks loopback = new LoopbackUplinks();
    private final AnvilRuntime runtime = loopback.runtime();

    @AfterEach
    void close() throws Exception {
        loopback.close();
    }

    @Test
    @DisplayName("MISC-05 an uplink subscribes the browser it serves, and raises events on the channel from the top level")
    void subscribeInACallRaiseAtTheTopLevel() {
        Uplink uplink = loopback.connect(LoopbackUplinks.KEY);
        uplink.register("join", a -> {
            AnvilServer.subscribe("news");
            AnvilServer.subscribe("sport");
            AnvilServer.unsubscribe("sport");
            return AnvilServer.getSubscriptions();
        });
        SimulatedBrowser browser = runtime.browser().withSession("colour", "green");
        List<Object> seen = new CopyOnWriteArrayList<>();
        browser.addEventHandler("goal", seen::add);

        assertThat(browser.call("join")).isEqualTo(List.of("news"));
        try (CallScope.Binding top = uplink.bind()) {
            AnvilServer.raiseEvent("goal", "3-1", EventTarget.channel("news"));
            assertThat(AnvilServer.listClientSessions()).contains(browser.sessionId());
            assertThat(AnvilServer.getClientSession(browser.sessionId())).containsEntry("colour", "green");
        }
        assertThat(seen).containsExactly("3-1");
    }

    @Test
    @DisplayName("AUTH-06 a client-key uplink may not raise events: the platform's typeless Permission denied")
    void refusedToClientCode() {
        Uplink client = loopback.connect(LoopbackUplinks.CLIENT_KEY);
        try (CallScope.Binding top = client.bind()) {
            assertThatThrownBy(() -> AnvilServer.raiseEvent("goal"))
                    .isInstanceOfSatisfying(AnvilWrappedError.class, e -> assertThat(e.wireType()).isNull())
                    .hasMessage("Permission denied. Cannot raise server events from client code.");
        }
    }
}
