package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.Capability;
import dev.anvilcheck.spi.Caller;
import java.util.ArrayList;
import java.util.List;

/**
 * Breaks CAP-05 and CAP-08: the narrowing a client appended is lost in transit, so the server
 * receives a broader capability than the client sent, the security hole narrowing exists to close.
 */
@Breaks(value = "CAP-05", bug = "the narrowing a client appended is lost in transit")
public final class DropsNarrowing extends DelegatingProvider {
    @Override
    protected Object call(Caller caller, String fnName, Arguments arguments) {
        List<Object> args = new ArrayList<>();
        for (Object arg : arguments.args()) {
            args.add(arg instanceof Capability c ? Capability.restore(c.baseScope(), List.of(), c.mac()) : arg);
        }
        return super.call(caller, fnName, new Arguments(args, arguments.kwargs()));
    }
}
