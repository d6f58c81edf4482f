package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.ServerFunction;
import dev.anvilcheck.server.host.CallScope;
import dev.anvilcheck.spi.RuntimeUnderTest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Breaks TASK-15: a task's function runs on a thread of its own that a kill does not reach (the
 * runtime interrupts only the thread that waits for it), so a killed task's code goes on once
 * what it was waiting for arrives.
 */
@Breaks(value = "TASK-15", bug = "a killed task's code is not stopped")
public final class KilledTasksNotInterrupted extends DelegatingProvider {
    @Override
    protected void registerBackgroundTask(RuntimeUnderTest rt, String name, ServerFunction body) {
        super.registerBackgroundTask(rt, name, arguments -> {
            CallScope scope = CallScope.current();
            CompletableFuture<Object> result = CompletableFuture.supplyAsync(() -> {
                try (CallScope.Binding binding = CallScope.bind(scope)) {
                    return body.invoke(arguments);
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            }, runnable -> new Thread(runnable, "unreachable-task").start());
            while (true) {
                try {
                    return result.get();
                } catch (InterruptedException ignored) {
                    // the bug: the kill's interruption stops only this waiting thread's wait
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception x ? x : e;
                }
            }
        });
    }
}
