package dev.anvilcheck.tck.broken;

import dev.anvilcheck.runtime.AnvilRuntime;
import dev.anvilcheck.runtime.FakeClock;
import dev.anvilcheck.runtime.ReferenceRuntimeAdapter;
import dev.anvilcheck.spi.RuntimeUnderTest;
import java.time.Duration;

/**
 * Breaks SESS-10 at its boundary: a session expires once it has been idle for 30 minutes, where the
 * platform keeps it until more than 30 minutes have passed ({@code expires < NOW()}).
 */
@Breaks(value = "SESS-10", bug = "a session idle for exactly 30 minutes has expired")
public final class SessionsExpireAtThirtyMinutesSharp extends DelegatingProvider {
    @Override
    protected RuntimeUnderTest startReference() {
        return ReferenceRuntimeAdapter.adapt(AnvilRuntime.builder().clock(FakeClock.create()).uplinkKey("s").clientUplinkKey("c")
                .sessionTimeout(Duration.ofMinutes(30).minusMillis(1)).build());
    }
}
