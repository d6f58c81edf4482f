package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.AnvilWrappedError;
import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.spi.Caller;

/** Breaks ERR-02: an unregistered error type arrives as a plain RuntimeException. */
@Breaks(value = "ERR-02", bug = "an unregistered error type arrives as a plain RuntimeException")
public final class LosesWireTypes extends DelegatingProvider {
    @Override
    protected Object call(Caller caller, String fnName, Arguments arguments) {
        try {
            return super.call(caller, fnName, arguments);
        } catch (AnvilWrappedError e) {
            if (e.getClass() == AnvilWrappedError.class) {
                throw new RuntimeException(e.getMessage());
            }
            throw e;
        }
    }
}
