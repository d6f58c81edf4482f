package dev.anvilcheck.tck.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The clauses this suite certifies: every clause of the specification packaged into the jar
 * ({@link Specification}), in its order, and the one checked-in list of clauses it does not verify
 * ({@value #NOT_TESTABLE_RESOURCE}: clause, {@code whole|part}, reason). The completeness
 * self-test checks both against the clause IDs the tests carry (CONVENTIONS 2), and the report takes
 * areas, clause texts, levels and the reasons of untested clauses from here.
 */
public final class ClauseCatalog {
    /** The list of clauses not verified here, with their reasons. */
    public static final String NOT_TESTABLE_RESOURCE = "/dev/anvilcheck/tck/not-testable.tsv";

    /**
     * Decisions of the specification's section 4 whose questions the specification's text links to
     * no clause: Q-05 is also what TASK-10's killed case shows, Q-08 decides HTTP-03's decoding, Q-12
     * TASK-13's final state, and Q-15 makes the event API (MISC-05) and {@code call_stack} (CTX-13)
     * optional.
     */
    static final Map<String, List<String>> EXTRA_LINKS = Map.of(
            "Q-05", List.of("TASK-10"),
            "Q-08", List.of("HTTP-03"),
            "Q-12", List.of("TASK-13"),
            "Q-15", List.of("MISC-05", "CTX-13"));

    private ClauseCatalog() {}

    /**
     * How much of a listed clause is not verified.
     */
    public enum Extent {
        /** No test carries the clause. */
        WHOLE,
        /** Tests verify what is observable; the reason names the rest. */
        PART
    }

    /**
     * A clause this suite does not verify, or not wholly.
     *
     * @param clause the clause id
     * @param extent whole or part
     * @param reason why
     * @param line the line of the list, for messages
     */
    public record NotTestable(String clause, Extent extent, String reason, int line) {}

    /**
     * The specification packaged into the suite.
     *
     * @return the specification
     */
    public static Specification specification() {
        return Holder.SPECIFICATION;
    }

    /**
     * The areas of the specification, in its order.
     *
     * @return the area names, e.g. {@code CALL}
     */
    public static List<String> areas() {
        return specification().areas().stream().map(Specification.Area::name).toList();
    }

    /**
     * Every clause id of the specification, in its order.
     *
     * @return the clause IDs
     */
    public static List<String> clauses() {
        return specification().clauses().stream().map(Specification.Clause::id).toList();
    }

    /**
     * The clauses not verified here, as listed (duplicates kept, so that the self-test can name them).
     *
     * @return the entries, in the list's order
     */
    public static List<NotTestable> notTestable() {
        return Holder.NOT_TESTABLE;
    }

    /**
     * The entry of a clause in the not-testable list.
     *
     * @param clause the clause id
     * @return the first entry, or empty
     */
    public static Optional<NotTestable> notTestable(String clause) {
        return notTestable().stream().filter(n -> n.clause().equals(clause)).findFirst();
    }

    /**
     * Parses the not-testable list.
     *
     * @param text the list's text
     * @return the entries
     * @throws IllegalArgumentException naming the line of a malformed entry
     */
    public static List<NotTestable> parseNotTestable(String text) {
        List<NotTestable> entries = new ArrayList<>();
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t");
            if (fields.length != 3 || fields[2].isBlank() || !fields[0].matches("[A-Z]+-\\d{2}")) {
                throw new IllegalArgumentException(NOT_TESTABLE_RESOURCE + " line " + (i + 1)
                        + ": expected 'clause<TAB>whole|part<TAB>reason', got '" + line + "'");
            }
            Extent extent;
            try {
                extent = Extent.valueOf(fields[1].trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(NOT_TESTABLE_RESOURCE + " line " + (i + 1)
                        + ": the second field must be 'whole' or 'part', got '" + fields[1] + "'", e);
            }
            entries.add(new NotTestable(fields[0], extent, fields[2].trim(), i + 1));
        }
        return List.copyOf(entries);
    }

    private static List<NotTestable> loadNotTestable() {
        try (InputStream in = ClauseCatalog.class.getResourceAsStream(NOT_TESTABLE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The conformance suite holds no " + NOT_TESTABLE_RESOURCE);
            }
            return parseNotTestable(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + NOT_TESTABLE_RESOURCE, e);
        }
    }

    /** Loads both lists once, when first used. */
    private static final class Holder {
        static final Specification SPECIFICATION = Specification.load(EXTRA_LINKS);
        static final List<NotTestable> NOT_TESTABLE = loadNotTestable();
    }
}
