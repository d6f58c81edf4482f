package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.Task;
import dev.anvilcheck.spi.Caller;
import dev.anvilcheck.spi.CallerKind;
import dev.anvilcheck.spi.RuntimeUnderTest;
import java.util.List;

/**
 * Breaks TASK-20: a client uplink's {@code list_background_tasks} is answered as a server uplink's
 * would be, instead of being refused with BackgroundTaskError.
 */
@Breaks(value = "TASK-20", bug = "a client uplink may list tasks")
public final class ClientUplinksListTasks extends DelegatingProvider {
    @Override
    protected Caller caller(RuntimeUnderTest rt, CallerKind kind) {
        Caller real = super.caller(rt, kind);
        if (kind != CallerKind.CLIENT_UPLINK) {
            return real;
        }
        return new ForwardingCaller(real) {
            @Override
            public List<Task> listBackgroundTasks(boolean allEnvironments) {
                return rt.caller(CallerKind.UPLINK).listBackgroundTasks(allEnvironments);
            }
        };
    }
}
