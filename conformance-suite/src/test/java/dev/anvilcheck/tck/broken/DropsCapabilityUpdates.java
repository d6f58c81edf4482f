package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.Capability;
import dev.anvilcheck.spi.Caller;
import java.util.ArrayList;
import java.util.List;

/**
 * Breaks CAP-17 and CAP-18: the runtime sends a copy of each capability the caller passes, and
 * applies the updates the function sends back to that copy, so the caller's own capability never
 * hears of them.
 */
@Breaks(value = "CAP-18", bug = "updates sent back go to a copy of the caller's capability")
public final class DropsCapabilityUpdates extends DelegatingProvider {
    @Override
    protected Object call(Caller caller, String fnName, Arguments arguments) {
        List<Object> args = new ArrayList<>();
        for (Object arg : arguments.args()) {
            args.add(arg instanceof Capability c ? Capability.restore(c.baseScope(), c.narrowing(), c.mac()) : arg);
        }
        return super.call(caller, fnName, new Arguments(args, arguments.kwargs()));
    }
}
