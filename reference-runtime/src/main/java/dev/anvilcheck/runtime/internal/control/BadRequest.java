package dev.anvilcheck.runtime.internal.control;

/**
 * A request the control API refuses: its status ({@code 400} malformed, {@code 404} unknown
 * caller, function or uplink, {@code 409} not possible in this runtime's state, ...), the request
 * field it is about, and why. Answered as {@code {"error": {"status", "field", "message"}}}.
 */
final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String field;

    BadRequest(int status, String field, String message) {
        super(message, null, false, false);
        this.status = status;
        this.field = field;
    }

    int status() {
        return status;
    }

    /** @return the request field (or query parameter, or path segment) at fault, or {@code null} */
    String field() {
        return field;
    }
}
