package dev.anvilcheck.tck.broken;

import dev.anvilcheck.python.KeyError;
import dev.anvilcheck.server.AnvilWrappedError;
import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.host.WireError;
import dev.anvilcheck.spi.Caller;
import java.util.List;

/** Breaks ERR-03: a KeyError arrives as AnvilWrappedError instead of a real KeyError. */
@Breaks(value = "ERR-03", bug = "KeyError arrives wrapped")
public final class KeyErrorArrivesWrapped extends DelegatingProvider {
    @Override
    protected Object call(Caller caller, String fnName, Arguments arguments) {
        try {
            return super.call(caller, fnName, arguments);
        } catch (KeyError e) {
            throw new AnvilWrappedError(new WireError("KeyError", String.valueOf(e.getMessage()), List.of()));
        }
    }
}
