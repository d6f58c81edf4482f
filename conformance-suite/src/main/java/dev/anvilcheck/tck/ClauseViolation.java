package dev.anvilcheck.tck;

/**
 * A runtime violated a clause: the failure every conformance test raises, with a message in the
 * one template of {@link FailureMessage} (CONVENTIONS 5). The runtime's own exception, if any, is the
 * cause.
 *
 * @since 0.1
 */
public final class ClauseViolation extends AssertionError {
    private static final long serialVersionUID = 1L;

    private final transient FailureMessage details;

    ClauseViolation(FailureMessage details, Throwable cause) {
        super(details.format(), cause);
        this.details = details;
    }

    /**
     * The parts of the message.
     *
     * @return the details
     */
    public FailureMessage details() {
        return details;
    }

    /**
     * The violated clause, e.g. {@code CALL-05}.
     *
     * @return the clause ID
     */
    public String clause() {
        return details.clause();
    }
}
