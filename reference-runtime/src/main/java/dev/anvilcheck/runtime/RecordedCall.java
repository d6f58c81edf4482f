package dev.anvilcheck.runtime;

import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.CallContext;
import dev.anvilcheck.spi.CallerKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One call in a runtime's {@link CallJournal}: which function ran, how it was reached, by which
 * kind of caller, with which context and arguments, how it ended and how long it took by the
 * runtime's clock. Calls the runtime refused before any function ran (CALL-05 no such function,
 * CALL-11 scoped name from client code, CALL-19 app offline, CALL-20 unserialisable arguments,
 * SESS-11 expired session, an exhausted quota) are recorded too, without a context.
 *
 * @param sequence the order in which calls started in this runtime, from 1
 * @param function the registered name: {@code send_invoice}; {@code task:<name>} for a background
 *     task's own function (CALL-12); {@code http:<path>}, {@code route:<path>} or
 *     {@code http-wellknown:<path>} for an HTTP endpoint (HTTP-01)
 * @param invocation how the function was reached
 * @param caller the kind of caller: the remote caller's frame, told apart by the session's client
 *     for server code running in a background task (CTX-03, CTX-05)
 * @param context the context the function saw (CTX-01..14), or {@code null} if it never ran
 * @param user the logged-in user of the call's session when it started, or {@code null}
 * @param arguments the arguments the function received (as the caller wrote them, for a refused
 *     call); not a copy, so a function that changes them changes the record
 * @param returnValue what the function returned, before it crossed back to the caller (for an HTTP
 *     endpoint, e.g. an {@code HttpResponse}); {@code null} if the call raised
 * @param error what the caller received instead of a return value, or {@code null}
 * @param started when the call started, by the runtime's clock
 * @param duration how long it took by the runtime's clock: with a {@link FakeClock}, only the time
 *     a test or the function advanced
 * @param thread the name of the thread it ran on
 * @since 0.1
 */
public record RecordedCall(
        long sequence,
        String function,
        Invocation invocation,
        CallerKind caller,
        CallContext context,
        Object user,
        Arguments arguments,
        Object returnValue,
        Throwable error,
        Instant started,
        Duration duration,
        String thread) {

    /**
     * Validates the record.
     *
     * @param sequence the start order
     * @param function the registered name
     * @param invocation how it was reached
     * @param caller the caller kind
     * @param context the context, or {@code null}
     * @param user the user, or {@code null}
     * @param arguments the arguments
     * @param returnValue the return value, or {@code null}
     * @param error the error, or {@code null}
     * @param started the start time
     * @param duration the duration
     * @param thread the thread's name
     */
    public RecordedCall {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(invocation, "invocation");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(arguments, "arguments");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(duration, "duration");
    }

    /**
     * How a recorded function was reached.
     *
     * @since 0.1
     */
    public enum Invocation {
        /** Called by name with {@code call} (CALL-03). */
        CALL,
        /** Run as a background task's own function (TASK-01). */
        TASK,
        /** Run to serve an HTTP request (HTTP-01). */
        HTTP
    }

    /**
     * Whether the call returned normally.
     *
     * @return true if it returned
     */
    public boolean returned() {
        return error == null;
    }

    /**
     * Whether the call raised an error.
     *
     * @return true if it raised
     */
    public boolean raised() {
        return error != null;
    }

    /**
     * Whether a function ran, i.e. the runtime did not refuse the call before (see the type's
     * description).
     *
     * @return true if a function ran
     */
    public boolean reachedFunction() {
        return context != null;
    }

    /**
     * One line for failure messages, e.g.
     * {@code #3 send_invoice(42, "ann@example.com") by BACKGROUND_TASK -> returned "sent" [0s]}.
     *
     * @return the description
     */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("#").append(sequence).append(' ').append(function)
                .append(describe(arguments)).append(" by ").append(caller);
        if (invocation != Invocation.CALL) {
            out.append(" (").append(invocation.name().toLowerCase(java.util.Locale.ROOT)).append(')');
        }
        if (error != null) {
            out.append(reachedFunction() ? " -> raised " : " -> refused with ").append(errorName(error));
            if (error.getMessage() != null) {
                out.append(": ").append(error.getMessage());
            }
        } else {
            out.append(" -> returned ").append(value(returnValue));
        }
        return out.append(" [").append(duration.toString().substring(2).toLowerCase(java.util.Locale.ROOT))
                .append(']').toString();
    }

    /**
     * The name an error goes by in messages: its wire type name for Anvil errors
     * ({@code anvil.server.PermissionDenied}), else its class's simple name.
     *
     * @param error the error
     * @return the name
     */
    public static String errorName(Throwable error) {
        if (error instanceof dev.anvilcheck.server.AnvilError anvil && anvil.wireType() != null) {
            return anvil.wireType();
        }
        return error.getClass().getSimpleName();
    }

    /**
     * Arguments as in Python source: {@code (42, "x", due="2026-01-31")}.
     *
     * @param arguments the arguments
     * @return the description
     */
    public static String describe(Arguments arguments) {
        StringBuilder out = new StringBuilder("(");
        String sep = "";
        for (Object a : arguments.args()) {
            out.append(sep).append(value(a));
            sep = ", ";
        }
        for (var e : arguments.kwargs().entrySet()) {
            out.append(sep).append(e.getKey()).append('=').append(value(e.getValue()));
            sep = ", ";
        }
        return out.append(')').toString();
    }

    private static String value(Object v) {
        return v instanceof String s ? '"' + s + '"' : String.valueOf(v);
    }
}
