package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.CallContext;
import dev.anvilcheck.spi.Caller;
import dev.anvilcheck.spi.CallerKind;

/** Breaks CTX-10: outside any call, a server uplink's context still carries a background task id. */
@Breaks(value = "CTX-10", bug = "a stale background_task_id outside any call")
public final class IdleContextKeepsATaskId extends DelegatingProvider {
    @Override
    protected CallContext context(Caller caller) {
        CallContext real = caller.context();
        return caller.kind() == CallerKind.UPLINK ? new CallContext(real.type(), real.client(), real.remoteCaller(),
                "stale-task", real.callStack()) : real;
    }
}
