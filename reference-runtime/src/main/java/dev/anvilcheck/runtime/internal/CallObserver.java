package dev.anvilcheck.runtime.internal;

import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.CallContext;
import dev.anvilcheck.server.ClientInfo;
import dev.anvilcheck.server.StackFrame;

/**
 * Told of every call the dispatcher runs, for the runtime's call journal: each function run by
 * name, as a background task or as an HTTP endpoint, with its context, the arguments it received
 * and how it ended; and each call refused before a function ran (CALL-02, CALL-05, CALL-11,
 * CALL-19, CALL-20, SESS-11, quota). Implementations must be thread-safe and cheap: they run on
 * the calling thread.
 */
public interface CallObserver {
    /** Observes nothing; the dispatcher's default. */
    CallObserver NONE = new CallObserver() {
        @Override
        public Observation started(String function, CallContext context, Object user) {
            return Observation.NONE;
        }

        @Override
        public void refused(String function, StackFrame caller, ClientInfo client, String backgroundTaskId,
                Arguments arguments, RuntimeException error) {
            // nothing is observed
        }
    };

    /**
     * A function starts, after the runtime's checks passed and before its arguments are received
     * and {@code requireUser} is checked.
     *
     * @param function the registered name, e.g. {@code send_invoice}, {@code task:nightly},
     *     {@code http:/webhook}
     * @param context the context its body sees
     * @param user the logged-in user of the call's session, or {@code null}
     * @return what to tell as the function runs and ends
     */
    Observation started(String function, CallContext context, Object user);

    /**
     * A call ended with {@code error} before any function ran, or with an error already reported
     * through an {@link Observation} (implementations tell the two apart by identity).
     *
     * @param function the called name
     * @param caller the caller's frame
     * @param client the client of the caller's session
     * @param backgroundTaskId the task id of the caller's session, or {@code null}
     * @param arguments the arguments as the caller wrote them
     * @param error the error the caller receives
     */
    void refused(String function, StackFrame caller, ClientInfo client, String backgroundTaskId, Arguments arguments,
            RuntimeException error);

    /** One observed function, told on the thread that runs it. */
    interface Observation {
        /** Ignores everything. */
        Observation NONE = new Observation() {
            @Override
            public void received(Arguments arguments) {
                // nothing is observed
            }

            @Override
            public void result(Object value) {
                // nothing is observed
            }

            @Override
            public void returned() {
                // nothing is observed
            }

            @Override
            public void raised(Throwable error) {
                // nothing is observed
            }
        };

        /**
         * The function received its arguments (not a copy: the body may still change them).
         *
         * @param arguments the arguments the body is called with
         */
        void received(Arguments arguments);

        /**
         * The body returned {@code value} (not a copy), which now crosses back.
         *
         * @param value what the body returned
         */
        void result(Object value);

        /** The call ended normally: the return value crossed back and the session was committed. */
        void returned();

        /**
         * The call failed; {@code error} is what the caller receives.
         *
         * @param error the error
         */
        void raised(Throwable error);
    }
}
