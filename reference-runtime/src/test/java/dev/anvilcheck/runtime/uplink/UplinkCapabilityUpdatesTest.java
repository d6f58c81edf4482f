package dev.anvilcheck.runtime.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anvilcheck.runtime.AnvilRuntime;
import dev.anvilcheck.runtime.SimulatedBrowser;
import dev.anvilcheck.server.AnvilServer;
import dev.anvilcheck.server.Capability;
import dev.anvilcheck.uplink.Uplink;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Capability updates cross the Uplink in the {@code capUpdates} field, both ways (CAP-17, CAP-18; §4.6). */
class UplinkCapabilityUpdatesTest {
    private final LoopbackUplinks loopback = new LoopbackUplinks();
    private final AnvilRuntime runtime = loopback.runtime();

    @AfterEach
    void close() throws Exception {
        loopback.close();
    }

    @Test
    @DisplayName("CAP-17, CAP-18 an uplink function's updates reach the browser's handler through the server")
    void updatesFromAnUplinkFunctionReachTheCaller() {
        runtime.register("issue", a -> new Capability(List.of("doc", 42L)));
        loopback.connect(LoopbackUplinks.KEY).register("touch", a -> {
            Capability c = (Capability) a.get(0);
            c.sendUpdate(Map.of("seen", 1L));
            c.sendUpdate(Map.of("by", "uplink"));
            return null;
        });
        SimulatedBrowser browser = runtime.browser();
        Capability cap = (Capability) browser.call("issue");
        List<Object> seen = new CopyOnWriteArrayList<>();
        cap.setUpdateHandler(seen::add);

        browser.call("touch", cap);

        assertThat(seen).containsExactly(Map.of("seen", 1L, "by", "uplink"));
    }

    @Test
    @DisplayName("CAP-18 server code's updates to a capability an uplink passed in reach the uplink's handler")
    void updatesFromServerCodeReachTheUplink() {
        runtime.register("touch", a -> {
            ((Capability) a.get(0)).sendUpdate("replaced");
            return AnvilServer.context().remoteCaller().type();
        });
        Uplink uplink = loopback.connect(LoopbackUplinks.KEY);
        Capability mine = new Capability(List.of("mine", 1L));
        List<Object> seen = new CopyOnWriteArrayList<>();
        mine.setUpdateHandler(seen::add);

        Object caller = uplink.call("touch", mine);

        assertThat(caller).isEqualTo("uplink");
        assertThat(seen).containsExactly("replaced");
    }
}
