package dev.anvilcheck.runtime.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anvilcheck.runtime.AnvilRuntime;
import dev.anvilcheck.runtime.SimulatedBrowser;
import dev.anvilcheck.server.AnvilServer;
import dev.anvilcheck.server.Capability;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A narrowed capability keeps its narrowing on its way to an uplink (CAP-06): as the App Server
 * does, the runtime sends the full scope as the base, under a MAC of it, and no {@code narrow}
 * field, because the official Python client rebuilds a capability from {@code scope} and
 * {@code mac} alone and would otherwise hold the broader capability. The uplink hands it back and
 * it is accepted with the narrowed scope.
 */
class UplinkCapabilityNarrowingTest {
    private final LoopbackUplinks loopback = new LoopbackUplinks();
    private final AnvilRuntime runtime = loopback.runtime();

    @BeforeEach
    void uplinkInspects() {
        runtime.register("accept", a -> ((Capability) a.get(0)).scope());
        loopback.connect(LoopbackUplinks.KEY).register("inspect", a -> {
            Capability c = (Capability) a.get(0);
            return List.of(c.baseScope(), c.narrowing(), AnvilServer.call("accept", c));
        });
    }

    @AfterEach
    void close() throws Exception {
        loopback.close();
    }

    @Test
    @DisplayName("CAP-06 server code narrows and calls an uplink: the uplink gets the full scope as its base, no narrowing")
    void narrowedByServerCode() {
        runtime.register("send", a -> AnvilServer.call("inspect",
                new Capability(List.of("doc", 42L)).narrow(List.of("read"))));

        Object seen = runtime.browser().call("send");

        List<Object> narrowed = List.of("doc", 42L, "read");
        assertThat(seen).isEqualTo(List.of(narrowed, List.of(), narrowed));
    }

    @Test
    @DisplayName("CAP-06 a browser narrows what it was issued; relayed by server code to an uplink, the narrowing stays")
    void narrowedByTheBrowserAndRelayed() {
        runtime.register("issue", a -> new Capability(List.of("doc", 7L)));
        runtime.register("relay", a -> AnvilServer.call("inspect", a.get(0)));
        SimulatedBrowser browser = runtime.browser();
        Capability issued = (Capability) browser.call("issue");

        Object seen = browser.call("relay", issued.narrow(List.of("comments")));

        List<Object> narrowed = List.of("doc", 7L, "comments");
        assertThat(seen).isEqualTo(List.of(narrowed, List.of(), narrowed));
    }

    @Test
    @DisplayName("CAP-06 an uplink calling server code gets a narrowed capability back with its full scope as the base")
    void returnedToAnUplink() {
        runtime.register("issue_narrowed", a -> new Capability(List.of("doc", 9L)).narrow(List.of("read")));
        Capability got = (Capability) loopback.connect(LoopbackUplinks.KEY).call("issue_narrowed");
        assertThat(got.baseScope()).isEqualTo(List.of("doc", 9L, "read"));
        assertThat(got.narrowing()).isEmpty();
    }
}
