package dev.anvilcheck.runtime.uplink;

import dev.anvilcheck.runtime.AnvilRuntime;
import dev.anvilcheck.uplink.Uplink;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test fixture: a reference runtime with a server and a client uplink key, listening on a loopback
 * port of the system's choice, and the uplinks (and other resources) a test opens against it, closed
 * newest first, then the runtime.
 */
final class LoopbackUplinks implements AutoCloseable {
    static final String KEY = "server-key";
    static final String CLIENT_KEY = "client-key";

    private final AnvilRuntime runtime = AnvilRuntime.builder().uplinkKey(KEY).clientUplinkKey(CLIENT_KEY)
            .callTimeout(Duration.ZERO).build();
    private final URI uri = runtime.uplinkUri();
    private final List<AutoCloseable> closeables = new CopyOnWriteArrayList<>();

    AnvilRuntime runtime() {
        return runtime;
    }

    URI uri() {
        return uri;
    }

    <T extends AutoCloseable> T closing(T c) {
        closeables.add(0, c);
        return c;
    }

    /** An uplink with {@code key}, without heartbeat, closed with the fixture. */
    Uplink connect(String key) {
        return closing(Uplink.builder(uri, key).heartbeatInterval(Duration.ZERO).connect());
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
        runtime.close();
    }
}
