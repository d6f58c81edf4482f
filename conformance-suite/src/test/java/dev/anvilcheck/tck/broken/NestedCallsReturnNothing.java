package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.host.CallScope;

/** Breaks CALL-04: a call from server code returns {@code None} instead of the callee's return value. */
@Breaks(value = "CALL-04", bug = "nested calls return None")
public final class NestedCallsReturnNothing extends DelegatingProvider {
    @Override
    protected CallScope scope(CallScope real) {
        return new DelegatingScope(real) {
            @Override
            public Object call(String fnName, Arguments arguments) {
                super.call(fnName, arguments);
                return null;
            }
        };
    }
}
