package dev.anvilcheck.tck.wire;

import dev.anvilcheck.runtime.AnvilRuntime;
import dev.anvilcheck.spi.Feature;
import dev.anvilcheck.spi.RuntimeProvider;
import dev.anvilcheck.spi.RuntimeUnderTest;
import java.util.Set;

/**
 * The reference runtime's serve mode started in this process for each test (keys, loopback port 0,
 * a fake clock), certified through {@link WireRuntimeProvider}: the suite sees it only over the wire,
 * and its clock and faults through its control API.
 */
public final class InProcessWireProvider implements RuntimeProvider {
    static final String SERVER_KEY = "wire-server-key";
    static final String CLIENT_KEY = "wire-client-key";
    static final String USER_EMAIL = "ada@example.com";
    static final String USER_PASSWORD = "s3cret";
    private static final WireTarget TARGET_UNUSED = new WireTarget(java.net.URI.create("ws://127.0.0.1:1/_/uplink"),
            SERVER_KEY, CLIENT_KEY, null, java.time.ZoneOffset.UTC, java.time.Duration.ZERO);

    @Override
    public String name() {
        return "anvilcheck reference runtime, serve mode over " + WireRuntimeProvider.TRANSPORT;
    }

    @Override
    public String transport() {
        return WireRuntimeProvider.TRANSPORT;
    }

    @Override
    public Set<Feature> features() {
        return WireRuntimeProvider.features(new WireTarget(TARGET_UNUSED.uplinkUrl(), SERVER_KEY, CLIENT_KEY,
                java.net.URI.create("http://127.0.0.1:1"), java.time.ZoneOffset.UTC, java.time.Duration.ZERO)
                .withUser(USER_EMAIL, USER_PASSWORD).withControl(java.net.URI.create("http://127.0.0.1:1/_/control"), null));
    }

    @Override
    public RuntimeUnderTest start() {
        return start(SERVER_KEY, CLIENT_KEY, SERVER_KEY, CLIENT_KEY);
    }

    /**
     * Starts a reference runtime that accepts {@code serverKey} and {@code clientKey}, and certifies
     * it over the wire as if its keys were {@code reportedServerKey} and {@code reportedClientKey};
     * broken runtimes report keys that differ from the real ones.
     */
    public static RuntimeUnderTest start(String serverKey, String clientKey, String reportedServerKey,
            String reportedClientKey) {
        // serve mode with --fake-clock: the suite moves its clock and switches its faults through the control API
        AnvilRuntime runtime = AnvilRuntime.builder().uplinkKey(serverKey).clientUplinkKey(clientKey)
                .clock(dev.anvilcheck.runtime.FakeClock.startingAt(java.time.Instant.parse("2026-01-05T09:00:00Z")))
                .build();
        try {
            // the test user account a target names (WireTarget.userEmail), as serve mode's --user gives it
            runtime.addUser(USER_EMAIL, USER_PASSWORD, java.util.Map.of("email", USER_EMAIL, "role", "admin"));
            return WireRuntimeProvider.start(new WireTarget(runtime.uplinkUri(), reportedServerKey,
                    reportedClientKey, runtime.listen(), runtime.zone(), runtime.callTimeout(),
                    runtime.tasks().retention()).withUser(USER_EMAIL, USER_PASSWORD)
                    .withControl(runtime.controlUri(), null), runtime);
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
    }
}
