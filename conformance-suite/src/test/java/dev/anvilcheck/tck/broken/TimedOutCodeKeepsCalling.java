package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.Cookies;
import dev.anvilcheck.server.ExecutionTerminatedError;
import dev.anvilcheck.server.Task;
import dev.anvilcheck.server.host.CallScope;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Breaks ERR-06: code that ignored interruption and goes on after its caller got
 * {@code TimeoutError} still reaches the server, because the runtime refuses its calls, task
 * launches and cookies only on the thread that ran the function: what it refuses there is sent again from
 * another thread, and runs.
 */
@Breaks(value = "ERR-06", bug = "calls, task launches and cookies of code past its deadline still take effect")
public final class TimedOutCodeKeepsCalling extends DelegatingProvider {
    @Override
    protected CallScope scope(CallScope real) {
        return new DelegatingScope(real) {
            @Override
            public Object call(String fnName, Arguments arguments) {
                return elsewhereIfRefused(() -> super.call(fnName, arguments));
            }

            @Override
            public Task launchBackgroundTask(String fnName, Arguments arguments) {
                return elsewhereIfRefused(() -> super.launchBackgroundTask(fnName, arguments));
            }

            @Override
            public Cookies cookies() {
                return elsewhereIfRefused(super::cookies);
            }
        };
    }

    private static <T> T elsewhereIfRefused(Supplier<T> action) {
        try {
            return action.get();
        } catch (ExecutionTerminatedError refused) {
            try {
                return CompletableFuture.supplyAsync(action).join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
    }
}
