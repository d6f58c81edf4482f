package dev.anvilcheck.tck.internal.report;

import com.fasterxml.jackson.annotation.JsonValue;

/** The outcome of a test, or of a clause over its tests, as the report writes it. */
public enum TestStatus {
    /** Every assertion held (for a clause: no test failed and at least one passed). */
    PASSED("passed", "PASS"),
    /** A clause was violated (for a clause: at least one of its tests failed). */
    FAILED("failed", "FAIL"),
    /** The test needs a feature the runtime does not declare, or the runtime showed it cannot apply. */
    NOT_APPLICABLE("not_applicable", "N/A "),
    /** Not verified by this suite: the clause is listed in not-testable.tsv. */
    UNTESTED("untested", "----");

    private final String label;
    private final String tag;

    TestStatus(String label, String tag) {
        this.label = label;
        this.tag = tag;
    }

    /**
     * The status as the JSON report writes it.
     *
     * @return e.g. {@code not_applicable}
     */
    @JsonValue
    public String label() {
        return label;
    }

    /**
     * The four-character tag of progress lines.
     *
     * @return e.g. {@code PASS}
     */
    public String tag() {
        return tag;
    }
}
