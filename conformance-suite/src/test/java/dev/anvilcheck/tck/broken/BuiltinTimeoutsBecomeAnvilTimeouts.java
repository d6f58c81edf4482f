package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.AnvilWrappedError;
import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.TimeoutError;
import dev.anvilcheck.spi.Caller;

/** Breaks ERR-10: a built-in timeout exception arrives as anvil.server.TimeoutError. */
@Breaks(value = "ERR-10", bug = "built-in TimeoutException confused with anvil.server.TimeoutError")
public final class BuiltinTimeoutsBecomeAnvilTimeouts extends DelegatingProvider {
    @Override
    protected Object call(Caller caller, String fnName, Arguments arguments) {
        try {
            return super.call(caller, fnName, arguments);
        } catch (AnvilWrappedError e) {
            if ("TimeoutException".equals(e.wireType())) {
                throw new TimeoutError(e.getMessage());
            }
            throw e;
        }
    }
}
