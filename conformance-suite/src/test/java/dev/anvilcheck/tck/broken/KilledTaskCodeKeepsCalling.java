package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.ExecutionTerminatedError;
import dev.anvilcheck.server.host.CallScope;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Breaks TASK-15: the code a killed task still runs keeps reaching the server, because the runtime
 * checks only the thread that ran the task's function: a call it refuses there is sent again from
 * another thread, and the function runs.
 */
@Breaks(value = "TASK-15", bug = "calls made by a killed task's code after kill() still run")
public final class KilledTaskCodeKeepsCalling extends DelegatingProvider {
    @Override
    protected CallScope scope(CallScope real) {
        return new DelegatingScope(real) {
            @Override
            public Object call(String fnName, Arguments arguments) {
                try {
                    return super.call(fnName, arguments);
                } catch (ExecutionTerminatedError refused) {
                    try {
                        return CompletableFuture.supplyAsync(() -> super.call(fnName, arguments)).join();
                    } catch (CompletionException e) {
                        throw e.getCause() instanceof RuntimeException r ? r : e;
                    }
                }
            }
        };
    }
}
