package dev.anvilcheck.runtime.internal;

import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.Task;
import java.util.List;

/**
 * What calls need of the runtime's background tasks (TASK-01..25). The dispatcher holds one; the
 * runtime installs its task manager, and until then {@link #NONE} refuses every task operation.
 */
public interface TaskService {
    /** No background tasks: task operations are unsupported, values pass unchanged. */
    TaskService NONE = new TaskService() {
        @Override
        public Task launch(Launcher launcher, String fnName, Arguments arguments) {
            throw new UnsupportedOperationException("this runtime has no background tasks");
        }

        @Override
        public Task get(Launcher requester, String id) {
            throw new UnsupportedOperationException("this runtime has no background tasks");
        }

        @Override
        public List<Task> list(Launcher requester, boolean allEnvironments) {
            throw new UnsupportedOperationException("this runtime has no background tasks");
        }

        @Override
        public Task handle(String id, boolean client) {
            throw new UnsupportedOperationException("this runtime has no background tasks");
        }

        @Override
        public void checkAlive(String backgroundTaskId) {
            // without tasks, no call belongs to a terminated task
        }

        @Override
        @OutsideTheSpecification("the placeholder's answer before a runtime installs its background tasks, which every"
                + " runtime the SPI starts has done")
        public Object toClient(Object value) {
            return value;
        }
    };

    /**
     * Launches a task (TASK-01..04).
     *
     * @param launcher the launching code
     * @param fnName the task name, without {@code task:}
     * @param arguments the arguments as the launcher wrote them
     * @return the task
     */
    Task launch(Launcher launcher, String fnName, Arguments arguments);

    /**
     * Looks a task up (TASK-19).
     *
     * @param requester the asking code
     * @param id the id
     * @return the task
     */
    Task get(Launcher requester, String id);

    /**
     * Lists the tasks (TASK-20).
     *
     * @param requester the asking code
     * @param allEnvironments whether to include other environments
     * @return the tasks
     */
    List<Task> list(Launcher requester, boolean allEnvironments);

    /**
     * A handle on the task {@code id} as a LiveObject that came back over the wire names it, whether
     * or not its record still exists (a discarded one reads as missing, TASK-25): the handle of
     * trusted code, or, for {@code client}, the client view that may read the task but not kill it
     * (TASK-17).
     *
     * @param id the id
     * @param client whether the holder is client code
     * @return the handle
     */
    Task handle(String id, boolean client);

    /**
     * Refuses a call made by code of a task that already ended, e.g. one that ignores being killed
     * (TASK-15).
     *
     * @param backgroundTaskId the task whose session the call runs in
     */
    void checkAlive(String backgroundTaskId);

    /**
     * The value as client code receives it: task handles inside can read their tasks but not kill
     * them (TASK-17).
     *
     * @param value a value that crossed to an untrusted caller, in canonical form
     * @return the value to hand over
     */
    Object toClient(Object value);
}
