package dev.anvilcheck.tck.broken;

import dev.anvilcheck.spi.Faults;
import dev.anvilcheck.spi.RuntimeUnderTest;

/** Breaks ERR-04: an exhausted quota takes the app offline for browsers instead of failing every call. */
@Breaks(value = "ERR-04", bug = "QuotaExceededError replaced by offline mode")
public final class ExhaustedQuotaTakesTheAppOffline extends DelegatingProvider {
    @Override
    protected Faults faults(RuntimeUnderTest rt) {
        return new FaultsRewiring(rt.faults()) {
            @Override
            public void quotaExceeded(boolean exceeded) {
                real.appOffline(exceeded);
            }
        };
    }
}
