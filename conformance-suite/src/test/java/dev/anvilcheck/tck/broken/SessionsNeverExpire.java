package dev.anvilcheck.tck.broken;

import dev.anvilcheck.runtime.AnvilRuntime;
import dev.anvilcheck.runtime.FakeClock;
import dev.anvilcheck.runtime.ReferenceRuntimeAdapter;
import dev.anvilcheck.spi.RuntimeUnderTest;
import java.time.Duration;

/** Breaks SESS-10: browser sessions never expire, however long they stay idle. */
@Breaks(value = "SESS-10", bug = "sessions never expire")
public final class SessionsNeverExpire extends DelegatingProvider {
    @Override
    protected RuntimeUnderTest startReference() {
        return ReferenceRuntimeAdapter.adapt(AnvilRuntime.builder().clock(FakeClock.create()).uplinkKey("s").clientUplinkKey("c")
                .sessionTimeout(Duration.ofDays(36_500)).build());
    }
}
