package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.InternalError;
import dev.anvilcheck.server.NoServerFunctionError;
import dev.anvilcheck.spi.Caller;

/** Breaks CALL-05: an unregistered name raises InternalError instead of NoServerFunctionError. */
@Breaks(value = "CALL-05", bug = "NoServerFunctionError replaced by InternalError")
public final class NoServerFunctionBecomesInternalError extends DelegatingProvider {
    @Override
    protected Object call(Caller caller, String fnName, Arguments arguments) {
        try {
            return super.call(caller, fnName, arguments);
        } catch (NoServerFunctionError e) {
            throw new InternalError(e.getMessage());
        }
    }
}
