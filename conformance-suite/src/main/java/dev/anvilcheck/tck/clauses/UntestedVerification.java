package dev.anvilcheck.tck.clauses;

import dev.anvilcheck.tck.internal.ClauseCatalog;
import dev.anvilcheck.tck.internal.ClauseCatalog.Extent;
import dev.anvilcheck.tck.internal.ClauseCatalog.NotTestable;
import dev.anvilcheck.tck.internal.Specification;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The clauses this suite does not verify (CONVENTIONS 1), as tests that are always skipped with "not
 * verified by this suite" and the reason from the one checked-in list {@code not-testable.tsv}, so
 * that every gap stays visible in any JUnit report. A certification report takes the same reasons
 * from the same list.
 *
 * @since 0.1
 */
@DisplayName("Clauses not verified by this suite")
public class UntestedVerification {
    /** Creates the test class; JUnit does. */
    public UntestedVerification() {}

    /**
     * One skipped test per listed clause, displayed as {@code [AREA-NN] <clause text>}.
     *
     * @return the tests
     */
    @TestFactory
    @DisplayName("not-testable.tsv")
    Stream<DynamicTest> untested() {
        Specification spec = ClauseCatalog.specification();
        return ClauseCatalog.notTestable().stream().map(entry -> DynamicTest.dynamicTest(
                "[" + entry.clause() + "] " + spec.clause(entry.clause()).map(c -> shorten(c.text())).orElse("?"),
                () -> Assumptions.abort(reason(entry))));
    }

    /**
     * The message of a listed clause's skipped test.
     *
     * @param entry the entry
     * @return e.g. {@code [CALL-01] not verified by this suite: Python-only: ...}
     */
    public static String reason(NotTestable entry) {
        return "[" + entry.clause() + "] " + (entry.extent() == Extent.PART ? "in part " : "")
                + "not verified by this suite: " + entry.reason();
    }

    private static String shorten(String text) {
        String plain = text.replace("`", "").replace("**", "");
        return plain.length() <= 110 ? plain : plain.substring(0, 107) + "...";
    }
}
