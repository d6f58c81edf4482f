package dev.anvilcheck.tck.clauses;

import static dev.anvilcheck.tck.clauses.TaskProbes.attempt;

import dev.anvilcheck.server.AnvilServer;
import dev.anvilcheck.server.TaskState;
import dev.anvilcheck.spi.Caller;
import dev.anvilcheck.spi.CallerKind;
import dev.anvilcheck.spi.RuntimeUnderTest;
import dev.anvilcheck.tck.ConformanceExtension;
import dev.anvilcheck.tck.Expect;
import dev.anvilcheck.tck.clauses.TaskProbes.Raised;
import dev.anvilcheck.tck.internal.Describe;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The clause of section 2.8, TASK, that every runtime must meet whether or not it runs background
 * tasks: {@code task_state} outside a task raises (TASK-06). The rest of the section is
 * {@link TaskVerification}, gated on background tasks as a whole.
 *
 * @since 0.1
 */
@ExtendWith(ConformanceExtension.class)
@DisplayName("TASK: task_state outside background tasks")
public class TaskStateVerification {

    @Test
    @DisplayName("[TASK-06] outside a background task, reading or writing task_state raises with the platform's"
            + " message")
    void required_TASK_06_taskStateOutsideATaskRaises(RuntimeUnderTest rt) {
        Set<String> messages = Set.of(TaskState.OUTSIDE_TASK_MESSAGE, TaskState.OUTSIDE_TASK_MESSAGE_UPLINK);
        AtomicReference<Object> read = new AtomicReference<>();
        AtomicReference<Object> write = new AtomicReference<>();
        rt.register("touch_state", a -> {
            read.set(attempt(() -> AnvilServer.taskState().get("k")));
            write.set(attempt(() -> AnvilServer.taskState().put("k", 1L)));
            return null;
        });
        for (CallerKind kind : Probes.ALL_KINDS) {
            Caller caller = rt.caller(kind);
            Expect.returns(caller, "touch_state", () -> caller.call("touch_state"));
            for (AtomicReference<Object> access : List.of(read, write)) {
                String what = access == read ? "task_state['k']" : "task_state['k'] = 1";
                Object outcome = access.get();
                Expect.that(caller, "touch_state",
                        outcome instanceof Raised r && r.error() instanceof IllegalStateException,
                        what + " to raise Exception (IllegalStateException)", Describe.value(outcome));
                Expect.that(caller, "touch_state",
                        messages.contains(((Raised) outcome).error().getMessage()),
                        "the message '" + TaskState.OUTSIDE_TASK_MESSAGE + "'",
                        Describe.raised(((Raised) outcome).error()));
            }
        }
        Expect.raises((CallerKind) null, null, IllegalStateException.class,
                () -> AnvilServer.taskState().get("k"));
    }
}
