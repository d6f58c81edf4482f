package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.SerializationError;
import dev.anvilcheck.spi.Caller;

/**
 * Breaks PORT-06: an instance of an unregistered subclass of a portable class is accepted, the
 * call going ahead as if nothing had been sent.
 */
@Breaks(value = "PORT-06", bug = "an unregistered subclass of a portable class is accepted")
public final class AcceptsPortableSubclasses extends DelegatingProvider {
    @Override
    protected Object call(Caller caller, String fnName, Arguments arguments) {
        try {
            return super.call(caller, fnName, arguments);
        } catch (SerializationError e) {
            if (String.valueOf(e.getMessage()).contains("must be registered with @anvil.server.portable_class")) {
                return null;
            }
            throw e;
        }
    }
}
