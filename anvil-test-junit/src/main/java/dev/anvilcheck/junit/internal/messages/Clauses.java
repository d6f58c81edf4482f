package dev.anvilcheck.junit.internal.messages;

import dev.anvilcheck.runtime.RecordedCall;
import dev.anvilcheck.server.AnvilError;

/** Which clause of the specification explains an error that the runtime raised itself. */
public final class Clauses {
    private Clauses() {}

    /**
     * The clause behind {@code error}, as a sentence, or {@code null} when the runtime's rules do
     * not explain it (e.g. server code raised it).
     *
     * @param error the error
     * @return e.g. {@code "CALL-05: no function is registered under that name"}, or {@code null}
     */
    public static String explaining(Throwable error) {
        if (!(error instanceof AnvilError anvil) || anvil.wireType() == null) {
            return null;
        }
        String message = String.valueOf(error.getMessage());
        return switch (anvil.wireType()) {
            case "anvil.server.NoServerFunctionError" ->
                    "CALL-05: no function is registered under that name (CALL-12: background tasks are"
                            + " registered as \"task:<name>\" and are not callable by name)";
            case "anvil.server.PermissionDenied" -> message.startsWith("Cannot call scoped server function")
                    ? "CALL-11: client code (browser, client uplink, HTTP, email) cannot call names containing ':'"
                    : message.startsWith("You do not have permission to call server function")
                            ? "AUTH-02: the function's requireUser predicate rejected the logged-in user" : null;
            case "anvil.users.AuthenticationFailed" -> message.startsWith("You must be logged in")
                    ? "AUTH-01: the function requires a logged-in user, and nobody is logged in on the caller's"
                            + " session" : null;
            case "anvil.server.SessionExpiredError" ->
                    "SESS-11: the browser's session expired (SESS-10); the browser must resetSession()";
            case "anvil.server.TimeoutError" -> "ERR-06: the call ran past the runtime's call timeout";
            case "anvil.server.AppOfflineError" -> "CALL-19: the app is offline for browsers";
            case "anvil.server.QuotaExceededError" -> "the runtime's quota switch is on (RuntimeFaults.quotaExceeded)";
            case "anvil.server.UplinkDisconnectedError" ->
                    "ERR-08: only an uplink that has since disconnected provided the function (UPL-09)";
            case "anvil.server.SerializationError" -> message.startsWith("Cannot serialize arguments")
                    ? "CALL-20: an argument cannot cross the wire (SER-04)"
                    : message.startsWith("Cannot serialize return value")
                            ? "CALL-21: the return value cannot cross the wire (SER-04)"
                            : message.startsWith("Tried to store illegal value")
                                    ? "SESS-04: the value cannot be stored in a session" : null;
            case "anvil.server.StackOverflow" -> "CALL-13: more than 10 nested calls";
            case "anvil.server.BackgroundTaskError" ->
                    "TASK-02/TASK-17: only server code may launch and manage background tasks";
            default -> null;
        };
    }

    /**
     * {@code error}'s name and message, with the clause that explains it on a line of its own.
     *
     * @param error the error
     * @return the description
     */
    public static String describe(Throwable error) {
        StringBuilder out = new StringBuilder(RecordedCall.errorName(error));
        if (error.getMessage() != null) {
            out.append(": ").append(error.getMessage());
        }
        String clause = explaining(error);
        if (clause != null) {
            out.append("\n  (").append(clause).append(')');
        }
        return out.toString();
    }
}
