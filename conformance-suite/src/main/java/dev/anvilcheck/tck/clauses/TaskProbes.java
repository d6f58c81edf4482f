package dev.anvilcheck.tck.clauses;

import dev.anvilcheck.media.Media;
import dev.anvilcheck.server.AnvilServer;
import dev.anvilcheck.server.Task;
import dev.anvilcheck.spi.Caller;
import dev.anvilcheck.spi.CallerKind;
import dev.anvilcheck.tck.Expect;
import dev.anvilcheck.tck.internal.Describe;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Helpers of the background-task tests. A task's function cannot be watched from outside while it
 * runs in a runtime that runs tasks only when told, so tests that need "while it runs" let the
 * function observe itself ({@link #me()}), record what it saw, and check it afterwards.
 */
final class TaskProbes {
    /** The caller that launches tasks unless a test says otherwise: server code, trusted (TASK-02). */
    static final CallerKind LAUNCHER = CallerKind.SERVER_MODULE;

    private TaskProbes() {}

    /** An exception an observed action raised, recorded instead of its value. */
    record Raised(Throwable error) {
        @Override
        public String toString() {
            return Describe.raised(error);
        }
    }

    /**
     * Runs {@code action} and returns its value, or a {@link Raised} with what it threw.
     *
     * @param action the observation
     * @return the value or the exception
     */
    static Object attempt(Expect.Action<?> action) {
        try {
            return action.run();
        } catch (Throwable t) {
            return new Raised(t);
        }
    }

    /**
     * The running task's own handle, looked up by the id in its context (CTX-09, TASK-19).
     *
     * @return the handle
     */
    static Task me() {
        return AnvilServer.getBackgroundTask(AnvilServer.context().backgroundTaskId());
    }

    /**
     * Launches a task through a caller, expecting a handle back (TASK-01).
     *
     * @param clause the clause checked
     * @param launcher the launching caller
     * @param name the task name
     * @param args the arguments
     * @return the task
     */
    static Task launch(String clause, Caller launcher, String name, Object... args) {
        Task task = Expect.returns(clause, launcher, name, () -> launcher.launchBackgroundTask(name, args));
        Expect.that(clause, launcher, name, task != null, "a Task", "launch_background_task() returned null");
        return task;
    }

    /**
     * Reads one fact of a task, expecting a normal return.
     *
     * @param clause the clause checked
     * @param name the task name, for messages
     * @param action the read
     * @param <T> what it returns
     * @return the value
     */
    static <T> T read(String clause, String name, Expect.Action<T> action) {
        return Expect.returns(clause, LAUNCHER, name, action);
    }

    /**
     * Expects a task's termination status.
     *
     * @param clause the clause checked
     * @param name the task name
     * @param task the task
     * @param expected the status, or {@code null} for running
     */
    static void expectStatus(String clause, String name, Task task, String expected) {
        Expect.equal(clause, LAUNCHER, name, "task.get_termination_status()", expected,
                read(clause, name, task::getTerminationStatus));
    }

    /**
     * Expects a recorded observation to be a value, not a raised exception, and returns it.
     *
     * @param clause the clause checked
     * @param name the task name
     * @param what what was observed, e.g. {@code task.is_running() inside the task}
     * @param observed the recorded observation
     * @return the value
     */
    static Object value(String clause, String name, String what, AtomicReference<Object> observed) {
        Object seen = observed.get();
        Expect.that(clause, LAUNCHER, name, !(seen instanceof Raised), what + " to return",
                String.valueOf(seen));
        return seen;
    }

    /** A Media whose content can change after it was handed over, to see when its bytes were read (TASK-04). */
    static final class ChangingMedia implements Media {
        private volatile byte[] content;

        ChangingMedia(byte[] content) {
            this.content = content.clone();
        }

        void change(byte[] next) {
            content = next.clone();
        }

        @Override
        public String contentType() {
            return "application/octet-stream";
        }

        @Override
        public String name() {
            return "upload.bin";
        }

        @Override
        public byte[] getBytes() {
            return content.clone();
        }

        @Override
        public long length() {
            return content.length;
        }
    }
}
