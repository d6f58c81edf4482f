package dev.anvilcheck.server.host;

import static org.apiguardian.api.API.Status.STABLE;

import dev.anvilcheck.python.PythonError;
import dev.anvilcheck.server.AnvilError;
import dev.anvilcheck.server.AnvilWrappedError;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The error object that crosses a call boundary in place of a response: a wire type name (or
 * {@code null}), a message and a trace of (file, line) pairs, most recent first. This is Python's
 * {@code AnvilWrappedError.error_obj} and the Uplink protocol's error object (§5.1); the runtime
 * turns a thrown exception into one with {@link #of(Throwable)} and back with
 * {@link #toException()} (ERR-01..05, ERR-11).
 *
 * @param type the wire type name, or {@code null} for an untyped error
 * @param message the message, never {@code null}
 * @param trace the trace, most recent frame first
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public record WireError(String type, String message, List<TraceEntry> trace) {

    /** At most this many frames of a Java stack trace go into a wire trace. */
    private static final int MAX_TRACE = 32;

    /**
     * One frame of a wire trace (ERR-11).
     *
     * @param file the source file name, e.g. {@code Invoices.java}
     * @param line the line number, or 0 when unknown
     * @since 0.1
     */
    public record TraceEntry(String file, int line) {
        /**
         * Validates the entry.
         *
         * @param file the source file name
         * @param line the line number
         */
        public TraceEntry {
            Objects.requireNonNull(file, "file");
        }
    }

    /**
     * Validates the error object and copies its trace.
     *
     * @param type the wire type name, or {@code null}
     * @param message the message
     * @param trace the trace
     */
    public WireError {
        Objects.requireNonNull(message, "message");
        trace = List.copyOf(trace);
    }

    /**
     * The error object a thrown exception crosses as. Its type follows ERR-01: an Anvil error's
     * wire type; a {@link PythonError}'s Python type name (e.g. {@code TypeError}); otherwise the
     * bare simple class name (e.g. {@code IllegalStateException}). A {@code null} message becomes
     * the empty string. The trace holds the exception's own Java frames.
     *
     * @param error the thrown exception
     * @return its error object
     */
    public static WireError of(Throwable error) {
        return of(error, ExceptionTypes.current());
    }

    /**
     * The error object a thrown exception crosses as when the environment that raised it names
     * its registered classes by {@code names} (ERR-01, ERR-05): as {@link #of(Throwable)}, with a
     * registered subclass of {@link AnvilWrappedError} named by {@code names}, whichever thread
     * writes the object.
     *
     * @param error the thrown exception
     * @param names the exception types of the environment that raised it
     * @return its error object
     */
    public static WireError of(Throwable error, ExceptionTypes names) {
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(names, "names");
        String type;
        if (error instanceof AnvilWrappedError wrapped) {
            type = wrapped.wireTypeIn(names);
        } else if (error instanceof AnvilError anvil) {
            type = anvil.wireType();
        } else if (error instanceof PythonError python) {
            type = python.pythonType();
        } else {
            type = error.getClass().getSimpleName();
        }
        String message = error.getMessage() == null ? "" : error.getMessage();
        List<TraceEntry> trace = new ArrayList<>();
        if (error instanceof AnvilError anvil) {
            trace.addAll(anvil.remoteTrace());
        }
        StackTraceElement[] frames = error.getStackTrace();
        for (int i = 0; i < frames.length && trace.size() < MAX_TRACE; i++) {
            StackTraceElement frame = frames[i];
            String file = frame.getFileName() == null ? frame.getClassName() : frame.getFileName();
            trace.add(new TraceEntry(file, Math.max(frame.getLineNumber(), 0)));
        }
        return new WireError(type, message, trace);
    }

    /**
     * The exception a receiver in the environment running on this thread raises for this error
     * object ({@link ExceptionTypes#current()}; see {@link #toException(ExceptionTypes)}).
     *
     * @return a new exception; the caller throws it
     */
    public RuntimeException toException() {
        return toException(ExceptionTypes.current());
    }

    /**
     * The exception a receiver raises for this error object by its own registry (ERR-02..05):
     * the registered class for a registered type name, a {@link dev.anvilcheck.python.KeyError}
     * for {@code KeyError}, and otherwise an {@link AnvilWrappedError} that keeps this object's
     * type name.
     *
     * @param receiver the receiving environment's registry
     * @return a new exception; the caller throws it
     */
    public RuntimeException toException(ExceptionTypes receiver) {
        return receiver.instantiate(this);
    }
}
