package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.CallContext;
import dev.anvilcheck.server.StackFrame;
import dev.anvilcheck.server.host.CallScope;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Breaks CTX-13: {@code context.call_stack} lists the oldest frame first. */
@Breaks(value = "CTX-13", bug = "call_stack ordered oldest first")
public final class CallStackOldestFirst extends DelegatingProvider {
    @Override
    protected CallScope scope(CallScope real) {
        return new DelegatingScope(real) {
            @Override
            public CallContext context() {
                CallContext c = super.context();
                List<StackFrame> stack = new ArrayList<>(c.callStack());
                Collections.reverse(stack);
                return new CallContext(c.type(), c.client(), c.remoteCaller(), c.backgroundTaskId(), stack);
            }
        };
    }
}
