package dev.anvilcheck.runtime.internal;

import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.CallContext;
import dev.anvilcheck.server.ClientInfo;
import dev.anvilcheck.server.StackFrame;
import java.time.ZoneId;

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
        public Observation started(String function, CallContext context, Object user, Arguments received,
                ZoneId zone) {
            return Observation.NONE;
        }

        @Override
        public void refused(String function, StackFrame caller, ClientInfo client, String backgroundTaskId,
                Arguments arguments, RuntimeException error) {
            // nothing is observed
        }
    };

    /**
     * A function starts, after the runtime's checks passed and before {@code requireUser} is checked.
     *
     * @param function the registered name, e.g. {@code send_invoice}, {@code task:nightly},
     *     {@code http:/webhook}
     * @param context the context its body sees
     * @param user the logged-in user of the call's session, or {@code null}
     * @param received the arguments as the callee received them; the body may still modify them
     * @param zone the callee's time zone
     * @return what to tell when the function ended
     */
    Observation started(String function, CallContext context, Object user, Arguments received, ZoneId zone);

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

    /** The end of one observed function. */
    interface Observation {
        /** Ignores the end. */
        Observation NONE = new Observation() {
            @Override
            public void returned(Object value) {
                // nothing is observed
            }

            @Override
            public void raised(Throwable error) {
                // nothing is observed
            }
        };

        /**
         * The function returned; {@code value} is what crossed back to the caller.
         *
         * @param value the return value as the caller receives it
         */
        void returned(Object value);

        /**
         * The call failed; {@code error} is what the caller receives.
         *
         * @param error the error
         */
        void raised(Throwable error);
    }
}
