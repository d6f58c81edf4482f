package dev.anvilcheck.tck.broken;

import dev.anvilcheck.spi.Faults;
import dev.anvilcheck.spi.RuntimeUnderTest;

/** Breaks CALL-19: a browser that cannot reach the server is told the quota is exhausted. */
@Breaks(value = "CALL-19", bug = "offline reported as QuotaExceededError")
public final class OfflineAppExceedsItsQuota extends DelegatingProvider {
    @Override
    protected Faults faults(RuntimeUnderTest rt) {
        return new FaultsRewiring(rt.faults()) {
            @Override
            public void appOffline(boolean offline) {
                real.quotaExceeded(offline);
            }
        };
    }
}
