package dev.anvilcheck.tck.broken;

import dev.anvilcheck.spi.Faults;
import dev.anvilcheck.spi.RuntimeUnderTest;

/**
 * Breaks ERR-12: locking the app for maintenance takes it offline instead, so browsers get
 * AppOfflineError and every other caller's calls still run.
 */
@Breaks(value = "ERR-12", bug = "a maintenance lock only takes the app offline for browsers")
public final class MaintenanceLockIsOfflineMode extends DelegatingProvider {
    @Override
    protected Faults faults(RuntimeUnderTest rt) {
        return new FaultsRewiring(rt.faults()) {
            @Override
            public void appLocked(boolean locked) {
                real.appOffline(locked);
            }
        };
    }
}
