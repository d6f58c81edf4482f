package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.spi.Caller;
import java.util.concurrent.CountDownLatch;

/** Breaks CALL-04: calls never return. The suite must fail the test on its budget, not hang. */
public final class HangingCalls extends DelegatingProvider {
    @Override
    protected Object call(Caller caller, String fnName, Arguments arguments) {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("interrupted while hanging");
    }
}
