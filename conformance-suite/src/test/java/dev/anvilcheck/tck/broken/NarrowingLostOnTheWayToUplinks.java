package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.Capability;
import dev.anvilcheck.server.host.CallScope;
import java.util.ArrayList;
import java.util.List;

/**
 * Breaks CAP-06 as this project's runtime once did, seen from the uplink: a capability server code
 * narrowed arrives at an uplink with its base scope only. (The runtime sent {@code scope} and
 * {@code narrow} apart, and the official Python client, which rebuilds a capability from
 * {@code scope} and {@code mac}, held the broader one.)
 */
@Breaks(value = "CAP-06", bug = "a narrowed capability reaches an uplink as its broader base scope")
public final class NarrowingLostOnTheWayToUplinks extends DelegatingProvider {
    @Override
    protected CallScope scope(CallScope real) {
        return new DelegatingScope(real) {
            @Override
            public Object call(String fnName, Arguments arguments) {
                List<Object> args = new ArrayList<>(arguments.args().size());
                for (Object a : arguments.args()) {
                    args.add(a instanceof Capability c ? Capability.restore(c.baseScope(), List.of(), c.mac()) : a);
                }
                return super.call(fnName, new Arguments(args, arguments.kwargs()));
            }
        };
    }
}
