package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.NoServerFunctionError;
import dev.anvilcheck.spi.Caller;

/** Breaks CALL-05: a call to an unregistered name returns 42 instead of raising. */
@Breaks(value = "CALL-05", bug = "an unregistered name returns 42 instead of raising NoServerFunctionError")
public final class UnknownNameReturns42 extends DelegatingProvider {
    @Override
    protected Object call(Caller caller, String fnName, Arguments arguments) {
        try {
            return super.call(caller, fnName, arguments);
        } catch (NoServerFunctionError e) {
            return 42L;
        }
    }
}
