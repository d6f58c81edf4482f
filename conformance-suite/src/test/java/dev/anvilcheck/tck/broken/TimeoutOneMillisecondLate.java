package dev.anvilcheck.tck.broken;

import dev.anvilcheck.runtime.AnvilRuntime;
import dev.anvilcheck.runtime.FakeClock;
import dev.anvilcheck.runtime.ReferenceRuntimeAdapter;
import dev.anvilcheck.spi.RuntimeUnderTest;
import java.time.Duration;

/**
 * Breaks ERR-06 at its boundary: the runtime declares the 30-second call limit but times a call out
 * only once the clock has passed it, so a call still running at exactly 30 seconds runs on (the
 * platform's worker timer fires once the limit has elapsed).
 */
@Breaks(value = "ERR-06", bug = "a call still running at exactly the limit is not timed out")
public final class TimeoutOneMillisecondLate extends DelegatingProvider {
    @Override
    protected RuntimeUnderTest startReference() {
        return ReferenceRuntimeAdapter.adapt(AnvilRuntime.builder().clock(FakeClock.create()).uplinkKey("s").clientUplinkKey("c")
                .abandonCallsAtDeadline(true).callTimeout(Duration.ofSeconds(30).plusMillis(1)).build());
    }

    @Override
    protected Duration callTimeout(RuntimeUnderTest rt) {
        return Duration.ofSeconds(30);
    }
}
