package dev.anvilcheck.tck.internal;

/**
 * How a clause counts (specification, section 4): a MUST, a MAY, or a question on which sources
 * disagree, where the suite accepts every listed alternative and the report records which one the
 * runtime showed.
 */
public enum ClauseLevel {
    /** Everything not otherwise decided: a violation fails the certification. */
    REQUIRED("required"),
    /** A decision made the clause optional (e.g. ). */
    OPTIONAL("optional"),
    /** A decision lists alternatives; the suite accepts each and records the one seen. */
    IMPLEMENTATION_DEFINED("implementation-defined");

    private final String label;

    ClauseLevel(String label) {
        this.label = label;
    }

    /**
     * The level as the report writes it.
     *
     * @return e.g. {@code implementation-defined}
     */
    public String label() {
        return label;
    }
}
