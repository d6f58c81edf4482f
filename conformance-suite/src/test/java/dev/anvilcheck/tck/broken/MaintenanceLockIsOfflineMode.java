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
        Faults real = rt.faults();
        return new Faults() {
            @Override
            public void appOffline(boolean offline) {
                real.appOffline(offline);
            }

            @Override
            public void quotaExceeded(boolean exceeded) {
                real.quotaExceeded(exceeded);
            }

            @Override
            public void appLocked(boolean locked) {
                real.appOffline(locked);
            }

            @Override
            public void workerDiesDuring(String function, boolean dies) {
                real.workerDiesDuring(function, dies);
            }
        };
    }
}
