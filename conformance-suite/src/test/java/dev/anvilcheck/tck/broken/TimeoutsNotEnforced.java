package dev.anvilcheck.tck.broken;

import dev.anvilcheck.runtime.AnvilRuntime;
import dev.anvilcheck.runtime.FakeClock;
import dev.anvilcheck.runtime.ReferenceRuntimeAdapter;
import dev.anvilcheck.spi.RuntimeUnderTest;
import java.time.Duration;

/**
 * Breaks ERR-06: the runtime declares the 30-second call limit but does not enforce it (its calls
 * may run for a year).
 */
@Breaks(value = "ERR-06", bug = "call timeouts not enforced")
public final class TimeoutsNotEnforced extends DelegatingProvider {
    @Override
    protected RuntimeUnderTest startReference() {
        return ReferenceRuntimeAdapter.adapt(AnvilRuntime.builder().clock(FakeClock.create()).uplinkKey("s").clientUplinkKey("c")
                .callTimeout(Duration.ofDays(365)).build());
    }

    @Override
    protected Duration callTimeout(RuntimeUnderTest rt) {
        return Duration.ofSeconds(30);
    }
}
