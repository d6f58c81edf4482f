package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.spi.Caller;
import dev.anvilcheck.spi.CallerKind;
import dev.anvilcheck.spi.RuntimeUnderTest;

/**
 * Breaks CALL-11: a browser or client uplink may call scoped names ({@code task:x}, {@code http:/y}),
 * which the runtime runs as if trusted server code had called them.
 */
@Breaks(value = "CALL-11", bug = "scoped names callable from the browser")
public final class ScopedNamesCallableFromClients extends DelegatingProvider {
    @Override
    protected Object call(RuntimeUnderTest rt, Caller caller, String fnName, Arguments arguments) {
        boolean untrusted = caller.kind() == CallerKind.BROWSER || caller.kind() == CallerKind.CLIENT_UPLINK;
        if (untrusted && fnName != null && fnName.contains(":")) {
            return rt.caller(CallerKind.SERVER_MODULE).call(fnName, arguments);
        }
        return super.call(rt, caller, fnName, arguments);
    }
}
