package dev.anvilcheck.runtime;

import dev.anvilcheck.server.RequireUser;
import dev.anvilcheck.server.ServerFunction;
import dev.anvilcheck.spi.Caller;
import dev.anvilcheck.spi.CallerKind;
import dev.anvilcheck.spi.Faults;
import dev.anvilcheck.spi.Feature;
import dev.anvilcheck.spi.RuntimeProvider;
import dev.anvilcheck.spi.RuntimeUnderTest;
import dev.anvilcheck.spi.TimeControl;
import dev.anvilcheck.spi.UplinkCaller;
import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;

/**
 * Plugs the reference runtime into the conformance suite (found by {@link java.util.ServiceLoader}).
 * It declares every optional feature, and doubles as the example of a provider for a runtime
 * with a Java API.
 *
 * @since 0.1
 */
public final class ReferenceRuntimeProvider implements RuntimeProvider {
    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public ReferenceRuntimeProvider() {}

    @Override
    public String name() {
        return "anvilcheck reference runtime";
    }

    @Override
    public Set<Feature> features() {
        return Set.copyOf(EnumSet.allOf(Feature.class));
    }

    @Override
    public RuntimeUnderTest start() {
        FakeClock clock = FakeClock.create();
        AnvilRuntime runtime = AnvilRuntime.builder().clock(clock).build();
        return new RuntimeUnderTest() {
            @Override
            public void register(String name, RequireUser requireUser, ServerFunction body) {
                runtime.register(name, requireUser, body);
            }

            @Override
            public void registerPortableClass(Class<?> type, String name) {
                if (name == null) {
                    runtime.registerPortableClass(type);
                } else {
                    runtime.registerPortableClass(type, name);
                }
            }

            @Override
            public Caller caller(CallerKind kind) {
                return switch (kind) {
                    case BROWSER -> runtime.browser();
                    case SERVER_MODULE -> runtime.serverModule();
                    case UPLINK -> runtime.uplink();
                    case CLIENT_UPLINK -> runtime.clientUplink();
                    case HTTP -> runtime.http();
                    case BACKGROUND_TASK -> runtime.backgroundTask();
                    case EMAIL -> runtime.email();
                    case SCHEDULED_TASK -> runtime.scheduledTask();
                };
            }

            @Override
            public UplinkCaller uplink() {
                return runtime.uplink();
            }

            @Override
            public ZoneId serverZone() {
                return runtime.zone();
            }

            @Override
            public Duration callTimeout() {
                return runtime.callTimeout();
            }

            @Override
            public TimeControl time() {
                return clock;
            }

            @Override
            public Faults faults() {
                return new Faults() {
                    @Override
                    public void appOffline(boolean offline) {
                        runtime.setAppOffline(offline);
                    }

                    @Override
                    public void quotaExceeded(boolean exceeded) {
                        runtime.setQuotaExceeded(exceeded);
                    }
                };
            }

            @Override
            public void close() {
                runtime.close();
            }
        };
    }
}
