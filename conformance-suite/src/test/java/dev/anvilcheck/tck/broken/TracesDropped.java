package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.AnvilError;
import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.host.WireError;
import dev.anvilcheck.spi.Caller;
import java.util.List;

/** Breaks ERR-11: errors arrive without the server-side trace. */
@Breaks(value = "ERR-11", bug = "errors arrive without their server-side trace")
public final class TracesDropped extends DelegatingProvider {
    @Override
    protected Object call(Caller caller, String fnName, Arguments arguments) {
        try {
            return super.call(caller, fnName, arguments);
        } catch (AnvilError e) {
            WireError received = e.errorObj();
            throw new WireError(received.type(), received.message(), List.of()).toException();
        }
    }
}
