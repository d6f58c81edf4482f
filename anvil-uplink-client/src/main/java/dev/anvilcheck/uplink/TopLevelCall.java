package dev.anvilcheck.uplink;

import dev.anvilcheck.server.CallContext;
import dev.anvilcheck.server.Session;
import dev.anvilcheck.server.TaskState;

/**
 * The {@link dev.anvilcheck.server.host.CallScope} of an uplink script's top-level code, outside any
 * incoming call, bound with {@link Uplink#bind()}: {@code AnvilServer.call},
 * {@code launchBackgroundTask}, {@code getBackgroundTask}, {@code listBackgroundTasks} and
 * {@code getAppOrigin} go over the uplink as top-level calls (Uplink protocol §3.4; TASK-01,
 * TASK-19, TASK-20), the context is the idle one of the uplink's privilege (CTX-10), and
 * {@code task_state} is the uplink's guard (TASK-06). There is no session outside a call.
 */
final class TopLevelCall extends UplinkScope {
    TopLevelCall(Uplink uplink) {
        super(uplink);
    }

    @Override
    IncomingCall origin() {
        return null;
    }

    @Override
    public CallContext context() {
        String privilege = uplink().privilege();
        return CallContext.idle(privilege == null ? "uplink" : privilege);
    }

    @Override
    public Session session() {
        throw new IllegalStateException("anvil.server.session is only available inside a call this uplink serves");
    }


    @Override
    public TaskState taskState() {
        return TaskState.outsideTask("uplink");
    }
}
