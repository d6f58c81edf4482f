package dev.anvilcheck.runtime.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anvilcheck.runtime.AnvilRuntime;
import dev.anvilcheck.runtime.SimulatedBrowser;
import dev.anvilcheck.server.AnvilServer;
import dev.anvilcheck.server.AnvilWrappedError;
import dev.anvilcheck.server.Capability;
import dev.anvilcheck.wire.PrivateCommands;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code anvil.private.invalidate_client_objects} from an uplink rotates the object secret of the
 * session the call runs in, as the App Server's handler does for any caller (its native RPC handler
 * has no {@code require-server!}; native_rpc_handlers/core.clj, util.clj :: invalidate-client-objects!):
 * capabilities issued to that session before are refused afterwards (CAP-16).
 */
class UplinkInvalidationTest {
    private final LoopbackUplinks loopback = new LoopbackUplinks();
    private final AnvilRuntime runtime = loopback.runtime();

    @AfterEach
    void close() throws Exception {
        loopback.close();
    }

    @Test
    @DisplayName("CAP-16 an uplink serving a browser's call invalidates that browser session's objects")
    void invalidatesTheServedSession() {
        runtime.register("issue", a -> new Capability(List.of("doc", 42L)));
        runtime.register("accept", a -> ((Capability) a.get(0)).scope());
        loopback.connect(LoopbackUplinks.KEY).register("invalidate",
                a -> AnvilServer.call(PrivateCommands.INVALIDATE_CLIENT_OBJECTS));
        SimulatedBrowser browser = runtime.browser();
        SimulatedBrowser other = runtime.browser();
        Object before = browser.call("issue");
        Object othersBefore = other.call("issue");
        assertThat(browser.call("accept", before)).isEqualTo(List.of("doc", 42L));

        assertThat(browser.call("invalidate")).isNull();

        assertThatThrownBy(() -> browser.call("accept", before)).isInstanceOfSatisfying(AnvilWrappedError.class,
                e -> assertThat(e.wireType()).isEqualTo("anvil.server.InvalidObjectError"));
        assertThat(browser.call("accept", browser.call("issue"))).isEqualTo(List.of("doc", 42L));
        assertThat(other.call("accept", othersBefore)).as("another session's objects").isEqualTo(List.of("doc", 42L));
    }
}
