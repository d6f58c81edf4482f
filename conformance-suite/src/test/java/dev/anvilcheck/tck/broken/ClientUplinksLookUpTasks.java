package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.Task;
import dev.anvilcheck.spi.Caller;
import dev.anvilcheck.spi.CallerKind;
import dev.anvilcheck.spi.RuntimeUnderTest;

/**
 * Breaks TASK-19: a client uplink's {@code get_background_task} is answered as a server uplink's
 * would be, instead of being refused with BackgroundTaskError.
 */
@Breaks(value = "TASK-19", bug = "a client uplink may look tasks up")
public final class ClientUplinksLookUpTasks extends DelegatingProvider {
    @Override
    protected Caller caller(RuntimeUnderTest rt, CallerKind kind) {
        Caller real = super.caller(rt, kind);
        if (kind != CallerKind.CLIENT_UPLINK) {
            return real;
        }
        return new ForwardingCaller(real) {
            @Override
            public Task getBackgroundTask(String id) {
                return rt.caller(CallerKind.UPLINK).getBackgroundTask(id);
            }
        };
    }
}
