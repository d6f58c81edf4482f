package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.AppOfflineError;
import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.spi.Caller;
import dev.anvilcheck.spi.Faults;
import dev.anvilcheck.spi.RuntimeUnderTest;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Breaks CALL-19: taking the app offline fails every caller's calls with {@code AppOfflineError},
 * server code's and uplinks' too, not only browsers'.
 */
@Breaks(value = "CALL-19", bug = "offline for every caller, not only for browsers")
public final class OfflineAppRefusesEveryCaller extends DelegatingProvider {
    private final Set<RuntimeUnderTest> offline = Collections.synchronizedSet(
            Collections.newSetFromMap(new WeakHashMap<>()));

    @Override
    protected Faults faults(RuntimeUnderTest rt) {
        return new FaultsRewiring(rt.faults()) {
            @Override
            public void appOffline(boolean goOffline) {
                real.appOffline(goOffline);
                if (goOffline) {
                    offline.add(rt);
                } else {
                    offline.remove(rt);
                }
            }
        };
    }

    @Override
    protected Object call(RuntimeUnderTest rt, Caller caller, String fnName, Arguments arguments) {
        if (offline.contains(rt)) {
            throw new AppOfflineError("Connection to server failed (the app is offline)");
        }
        return super.call(rt, caller, fnName, arguments);
    }
}
