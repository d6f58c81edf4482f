package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.AnvilWrappedError;
import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.host.WireError;
import dev.anvilcheck.spi.Caller;

/** Breaks ERR-09: a plain AnvilWrappedError's error_obj and repr lose the wire type. */
@Breaks(value = "ERR-09", bug = "error_obj without its type")
public final class ErrorObjectsLoseTheirType extends DelegatingProvider {
    @Override
    protected Object call(Caller caller, String fnName, Arguments arguments) {
        try {
            return super.call(caller, fnName, arguments);
        } catch (AnvilWrappedError e) {
            if (e.getClass() == AnvilWrappedError.class && e.errorObj() != null) {
                throw new AnvilWrappedError(new WireError(null, e.errorObj().message(), e.errorObj().trace()));
            }
            throw e;
        }
    }
}
