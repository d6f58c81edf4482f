package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.ExecutionTerminatedError;
import dev.anvilcheck.server.host.CallScope;
import dev.anvilcheck.spi.CallerKind;
import dev.anvilcheck.spi.RuntimeUnderTest;

/**
 * Breaks TASK-15: a killed task's process lives on, so the server calls its code still makes run
 * (the reference runtime refuses them; this runtime makes them again as server code).
 */
@Breaks(value = "TASK-15", bug = "calls a killed task's code makes still run")
public final class KilledTasksKeepCalling extends DelegatingProvider {
    private volatile RuntimeUnderTest started;

    @Override
    protected RuntimeUnderTest startReference() {
        RuntimeUnderTest rt = super.startReference();
        started = rt;
        return rt;
    }

    @Override
    protected CallScope scope(CallScope real) {
        return new DelegatingScope(real) {
            @Override
            public Object call(String fnName, Arguments arguments) {
                try {
                    return super.call(fnName, arguments);
                } catch (ExecutionTerminatedError refused) {
                    return started.caller(CallerKind.SERVER_MODULE).call(fnName, arguments);
                }
            }
        };
    }
}
