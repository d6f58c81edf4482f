package dev.anvilcheck.tck.internal;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The identity a conformance test carries in its method name (CONVENTIONS 1):
 * {@code <level>_<AREA>_<NN>_<description>}, e.g. {@code required_CALL_05_unknownNameRaises}.
 *
 * @param level the level
 * @param area the clause area, e.g. {@code CALL}
 * @param clause the clause ID, e.g. {@code CALL-05}
 * @param description the rest of the name
 */
public record TestName(Level level, String area, String clause, String description) {
    private static final Pattern NAME = Pattern.compile("^(required|optional)_([A-Z]+)_(\\d{2})_(\\w+)$");

    /** How a test's outcome counts. */
    public enum Level {
        /** A MUST: a violation fails. */
        REQUIRED,
        /** A MAY, an implementation-defined decision or a feature-gated clause: may abort. */
        OPTIONAL
    }

    /**
     * Parses a method name.
     *
     * @param methodName the method name
     * @return the parsed name, or empty if the name does not follow the rule
     */
    public static Optional<TestName> parse(String methodName) {
        Matcher m = NAME.matcher(methodName);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new TestName(Level.valueOf(m.group(1).toUpperCase(java.util.Locale.ROOT)),
                m.group(2), m.group(2) + "-" + m.group(3), m.group(4)));
    }

    /**
     * The rule, for error messages.
     *
     * @return a description of the naming rule
     */
    public static String rule() {
        return "<required|optional>_<AREA>_<NN>_<description>, e.g. required_CALL_05_unknownNameRaises (a clause"
                + " this suite cannot verify is listed in " + ClauseCatalog.NOT_TESTABLE_RESOURCE + " instead)";
    }
}
