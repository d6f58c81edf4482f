package dev.anvilcheck.tck.broken;

import dev.anvilcheck.spi.Faults;
import dev.anvilcheck.spi.RuntimeUnderTest;

/**
 * Breaks ERR-07: a call whose worker died is answered as if it had returned, with what it did to
 * its session kept.
 */
@Breaks(value = "ERR-07", bug = "a worker's death goes unnoticed")
public final class WorkerDeathUnnoticed extends DelegatingProvider {
    @Override
    protected Faults faults(RuntimeUnderTest rt) {
        return new FaultsRewiring(rt.faults()) {
            @Override
            public void workerDiesDuring(String function, boolean dies) {
                // the worker dies, and nobody notices
            }
        };
    }
}
