package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.Capability;
import dev.anvilcheck.spi.Caller;
import dev.anvilcheck.spi.RuntimeUnderTest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Breaks CAP-08 and CAP-20: capabilities are accepted whatever their MAC. Every capability a caller
 * sends is swapped for one freshly issued to the caller's session with the same scope, as a
 * runtime that never checked MACs would let it through: forged, foreign and MAC-less capabilities
 * from browsers are accepted.
 */
@Breaks(value = "CAP-20", bug = "capabilities are accepted whatever their MAC")
public final class IgnoresCapabilityMacs extends DelegatingProvider {
    private static final String REISSUE = "__broken_reissue";

    @Override
    public RuntimeUnderTest start() {
        RuntimeUnderTest rt = super.start();
        rt.register(REISSUE, a -> new Capability(a.args()));
        return rt;
    }

    @Override
    protected Object call(Caller caller, String fnName, Arguments arguments) {
        List<Object> args = new ArrayList<>();
        for (Object arg : arguments.args()) {
            args.add(reissue(caller, arg));
        }
        Map<String, Object> kwargs = new LinkedHashMap<>();
        arguments.kwargs().forEach((k, v) -> kwargs.put(k, reissue(caller, v)));
        return super.call(caller, fnName, new Arguments(args, kwargs));
    }

    private static Object reissue(Caller caller, Object value) {
        if (value instanceof Capability c) {
            return caller.call(REISSUE, Arguments.of(c.scope().toArray()));
        }
        return value;
    }
}
