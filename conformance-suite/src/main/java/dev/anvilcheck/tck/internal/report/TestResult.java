package dev.anvilcheck.tck.internal.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The result of one test (one invocation, for a parameterized test).
 *
 * @param clause the clause the test carries, e.g. {@code CALL-05}, or {@code null} for a test
 *     outside the naming rule
 * @param name {@code Class#method}
 * @param displayName the display name, e.g. {@code [CALL-05] ...}, with the invocation's for
 *     parameterized tests
 * @param status the status
 * @param message the failure message, or the reason a test was not applicable; {@code null} when passed
 * @param durationMillis how long it ran
 * @param notes implementation-defined choices and other observations the test recorded
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TestResult(@JsonIgnore String clause, String name, String displayName, TestStatus status,
        String message, long durationMillis, List<Note> notes) {
    /** Copies the notes. */
    public TestResult {
        notes = List.copyOf(notes);
    }

    /**
     * An observation a test recorded with {@code TestEnvironment.note}.
     *
     * @param key what, e.g. {@code Q-01}
     * @param value what the runtime showed
     */
    public record Note(String key, String value) {}
}
