package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.CallContext;
import dev.anvilcheck.server.StackFrame;
import dev.anvilcheck.server.host.CallScope;

/** Breaks HTTP-29: inside an endpoint, the {@code http} remote caller is reported trusted. */
@Breaks(value = "HTTP-29", bug = "HTTP requests reported as trusted callers")
public final class HttpCallersTrusted extends DelegatingProvider {
    @Override
    protected CallScope scope(CallScope real) {
        return new DelegatingScope(real) {
            @Override
            public CallContext context() {
                CallContext c = super.context();
                StackFrame caller = c.remoteCaller();
                if (caller == null || !caller.type().equals("http")) {
                    return c;
                }
                return new CallContext(c.type(), c.client(), new StackFrame("http", true, caller.protocolVersion()),
                        c.backgroundTaskId(), c.callStack());
            }
        };
    }
}
