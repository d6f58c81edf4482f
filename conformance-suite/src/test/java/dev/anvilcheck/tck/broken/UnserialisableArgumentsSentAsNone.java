package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.spi.Caller;
import java.util.ArrayList;
import java.util.List;

/**
 * Breaks CALL-20: an argument that cannot be serialised (a plain object) is sent as {@code None}
 * instead of raising SerializationError in the caller.
 */
@Breaks(value = "CALL-20", bug = "unserialisable arguments sent as None")
public final class UnserialisableArgumentsSentAsNone extends DelegatingProvider {
    @Override
    protected Object call(Caller caller, String fnName, Arguments arguments) {
        List<Object> args = new ArrayList<>();
        for (Object a : arguments.args()) {
            args.add(a != null && a.getClass() == Object.class ? null : a);
        }
        return super.call(caller, fnName, new Arguments(args, arguments.kwargs()));
    }
}
