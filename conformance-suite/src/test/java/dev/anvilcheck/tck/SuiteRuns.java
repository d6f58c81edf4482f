package dev.anvilcheck.tck;

import java.util.Map;
import org.junit.platform.engine.TestExecutionResult;

/** Test helper for other packages: runs every clause test against a provider class. */
public final class SuiteRuns {
    private SuiteRuns() {}

    /**
     * Every clause test's result against {@code providerClass}, keyed by method name and display name.
     *
     * @param providerClass the provider
     * @return the results
     */
    public static Map<String, TestExecutionResult> allClauses(Class<?> providerClass) {
        SuiteRun run = SuiteRun.against(providerClass);
        run.packages(Certify.CLAUSES_PACKAGE);
        return run.invocations();
    }
}
