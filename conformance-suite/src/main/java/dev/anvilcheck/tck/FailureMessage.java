package dev.anvilcheck.tck;

import dev.anvilcheck.spi.CallerKind;
import java.time.Duration;
import java.util.Objects;

/**
 * The one template of every failure message of the suite (CONVENTIONS 5): the clause, what the clause
 * expects, what the runtime did, which caller called which function, and how long the suite waited
 * for it. For example:
 *
 * <pre>{@code [CALL-05] expected: NoServerFunctionError; observed: returned 42 (Long); caller: BROWSER; function: 'missing'; waited: 0 ms}</pre>
 *
 * <p>A missing caller or function is written as {@code -}.
 *
 * @param clause the clause ID, e.g. {@code CALL-05}
 * @param expected what the clause expects
 * @param observed what the runtime did
 * @param caller the kind of caller involved, or {@code null}
 * @param function the function called, or {@code null}
 * @param waited how long the suite waited for the observation
 * @since 0.1
 */
public record FailureMessage(
        String clause, String expected, String observed, CallerKind caller, String function, Duration waited) {

    /**
     * Validates the record.
     *
     * @param clause the clause ID
     * @param expected what the clause expects
     * @param observed what the runtime did
     * @param caller the caller kind, or {@code null}
     * @param function the function, or {@code null}
     * @param waited how long the suite waited; {@code null} for zero
     */
    public FailureMessage {
        Objects.requireNonNull(clause, "clause");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(observed, "observed");
        waited = waited == null ? Duration.ZERO : waited;
    }

    /**
     * The message text.
     *
     * @return the message
     */
    public String format() {
        return "[" + clause + "] expected: " + expected + "; observed: " + observed + "; caller: "
                + (caller == null ? "-" : caller.name()) + "; function: " + (function == null ? "-" : "'" + function + "'")
                + "; waited: " + waited.toMillis() + " ms";
    }

    /**
     * The failure to throw: a {@link ClauseViolation} with this message.
     *
     * @return the failure
     */
    public ClauseViolation toFailure() {
        return new ClauseViolation(this, null);
    }

    /**
     * The failure to throw, with the exception the runtime raised as its cause.
     *
     * @param cause what the runtime raised, or {@code null}
     * @return the failure
     */
    public ClauseViolation toFailure(Throwable cause) {
        return new ClauseViolation(this, cause);
    }

    @Override
    public String toString() {
        return format();
    }
}
