package dev.anvilcheck.tck.broken;

import dev.anvilcheck.spi.Faults;

/** Fault switches that pass through to the real ones; a broken runtime rewires one of them. */
abstract class FaultsRewiring implements Faults {
    final Faults real;

    FaultsRewiring(Faults real) {
        this.real = real;
    }

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
        real.appLocked(locked);
    }

    @Override
    public void workerDiesDuring(String function, boolean dies) {
        real.workerDiesDuring(function, dies);
    }
}
