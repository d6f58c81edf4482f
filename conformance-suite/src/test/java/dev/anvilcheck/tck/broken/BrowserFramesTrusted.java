package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.CallContext;
import dev.anvilcheck.server.StackFrame;
import dev.anvilcheck.server.host.CallScope;
import java.util.List;

/** Breaks CTX-06: frames of browser calls are reported trusted. */
@Breaks(value = "CTX-06", bug = "browser frames reported trusted")
public final class BrowserFramesTrusted extends DelegatingProvider {
    @Override
    protected CallScope scope(CallScope real) {
        return new DelegatingScope(real) {
            @Override
            public CallContext context() {
                CallContext c = super.context();
                List<StackFrame> stack = c.callStack().stream().map(BrowserFramesTrusted::trusted).toList();
                return new CallContext(c.type(), c.client(), trusted(c.remoteCaller()), c.backgroundTaskId(), stack);
            }
        };
    }

    private static StackFrame trusted(StackFrame frame) {
        return frame != null && frame.type().equals("browser")
                ? new StackFrame(frame.type(), true, frame.protocolVersion()) : frame;
    }
}
