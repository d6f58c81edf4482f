package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.CallContext;
import dev.anvilcheck.server.host.CallScope;

/**
 * Breaks CTX-09: {@code context.background_task_id} is set outside background tasks too (a stale
 * id left over from a thread that once ran a task).
 */
@Breaks(value = "CTX-09", bug = "background_task_id set outside background tasks")
public final class TaskIdOutsideTasks extends DelegatingProvider {
    @Override
    protected CallScope scope(CallScope real) {
        return new DelegatingScope(real) {
            @Override
            public CallContext context() {
                CallContext c = super.context();
                return c.backgroundTaskId() != null ? c : new CallContext(c.type(), c.client(), c.remoteCaller(),
                        "stale0000000000000000task", c.callStack());
            }
        };
    }
}
