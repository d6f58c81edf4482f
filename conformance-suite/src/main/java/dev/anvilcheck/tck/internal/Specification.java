package dev.anvilcheck.tck.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The semantics specification ({@code SEMANTICS.md}) as the suite reads it: the build packages the
 * file into the suite's jar ({@value #RESOURCE}), so that completeness is checked against the
 * specification itself rather than a copy of its counts. Section 2 gives the clauses
 * ({@code * **AREA-NN** text [impl: ...] [doc: ...]}), grouped by area headings; section 3 the open
 * questions ({@code * **Q-NN** text}); section 4 the table of decisions, whose "Suite accepts" column
 * makes the clauses linked to a question implementation-defined (alternatives listed) or optional
 * ("optional clause"). A clause is linked to a question when its text cites the question, when the
 * question's text cites the clause, or by an explicit link the caller adds (for questions the text
 * links to no clause, see {@link ClauseCatalog}).
 *
 * @param areas the areas of section 2, in order
 * @param clauses the clauses, in the specification's order
 * @param decisions the decisions of section 4, by question id
 * @param sha256 the SHA-256 of the specification's text, for the report
 */
public record Specification(List<Area> areas, List<Clause> clauses, Map<String, Decision> decisions, String sha256) {
    /** Where the build puts the specification in the suite's jar. */
    public static final String RESOURCE = "/dev/anvilcheck/tck/spec/SEMANTICS.md";

    private static final Pattern SECTION = Pattern.compile("^## (\\d+)\\.");
    private static final Pattern AREA = Pattern.compile("^### \\d+\\.\\d+ ([A-Z]+) \\S+ (.*)$");
    private static final Pattern CLAUSE = Pattern.compile("^\\* \\*\\*([A-Z]+)-(\\d{2})\\*\\* (.*)$");
    private static final Pattern QUESTION = Pattern.compile("^\\* \\*\\*(Q-\\d{2})\\*\\* (.*)$");
    private static final Pattern DECISION_ROW =
            Pattern.compile("^\\|\\s*(Q-\\d{2})\\s+([^|]*)\\|([^|]*)\\|([^|]*)\\|\\s*$");
    private static final Pattern SOURCE_TAG = Pattern.compile("\\[(?:impl|doc|inferred)\\b[^\\]]*]");
    private static final Pattern QUESTION_REF = Pattern.compile("\\bQ-\\d{2}\\b");
    private static final Pattern CLAUSE_REF = Pattern.compile("\\b[A-Z]+-\\d{2}\\b");

    /** Copies the lists and map. */
    public Specification {
        areas = List.copyOf(areas);
        clauses = List.copyOf(clauses);
        decisions = Map.copyOf(decisions);
        Objects.requireNonNull(sha256, "sha256");
    }

    /**
     * An area of section 2, e.g. {@code CALL} "calling server functions".
     *
     * @param name the area, e.g. {@code CALL}
     * @param title its heading, e.g. {@code calling server functions}
     */
    public record Area(String name, String title) {}

    /**
     * A decision of section 4 on an open question.
     *
     * @param question the question id, e.g. {@code Q-01}
     * @param topic the question's topic, as the table names it
     * @param referenceDoes what the reference runtime does
     * @param suiteAccepts what the suite accepts
     * @param level the level the decision gives the clauses linked to it, or empty if none
     */
    public record Decision(String question, String topic, String referenceDoes, String suiteAccepts,
            Optional<ClauseLevel> level) {}

    /**
     * One clause of section 2.
     *
     * @param id the clause id, e.g. {@code CALL-05}
     * @param area the area, e.g. {@code CALL}
     * @param text the clause's text without its source tags, for people
     * @param sources the source tags, e.g. {@code [impl: downlink/python/anvil/_server.py :: call]}
     * @param questions the open questions linked to the clause, e.g. {@code Q-01}
     * @param level required, optional or implementation-defined, from the decisions on those questions
     */
    public record Clause(String id, String area, String text, List<String> sources, List<String> questions,
            ClauseLevel level) {
        /** Copies the lists. */
        public Clause {
            sources = List.copyOf(sources);
            questions = List.copyOf(questions);
        }
    }

    /**
     * Loads the specification the build packaged into the suite's jar.
     *
     * @param extraLinks links from questions to clauses that the specification's text does not make
     * @return the specification
     * @throws IllegalStateException if the jar holds no specification
     */
    public static Specification load(Map<String, List<String>> extraLinks) {
        try (InputStream in = Specification.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The conformance suite holds no specification at " + RESOURCE
                        + ": it was built without SEMANTICS.md (the build copies it from -Danvilcheck.spec.dir,"
                        + " by default the repository's spec/ folder)");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), extraLinks);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the specification " + RESOURCE, e);
        }
    }

    /**
     * Parses the text of {@code SEMANTICS.md}.
     *
     * @param markdown the text
     * @param extraLinks links from questions to clauses that the text does not make
     * @return the specification
     * @throws IllegalArgumentException if it holds no clause, or a clause id twice
     */
    public static Specification parse(String markdown, Map<String, List<String>> extraLinks) {
        List<Area> areas = new ArrayList<>();
        Map<String, String[]> raw = new LinkedHashMap<>();
        Map<String, String> questions = new LinkedHashMap<>();
        Map<String, Decision> decisions = new LinkedHashMap<>();
        int section = 0;
        String area = null;
        String last = null;
        for (String line : markdown.split("\\R")) {
            Matcher m = SECTION.matcher(line);
            if (m.find()) {
                section = Integer.parseInt(m.group(1));
                last = null;
                continue;
            }
            if (section == 2 && (m = AREA.matcher(line)).matches()) {
                area = m.group(1);
                areas.add(new Area(area, m.group(2).trim()));
                last = null;
            } else if (section == 2 && (m = CLAUSE.matcher(line)).matches()) {
                String id = m.group(1) + "-" + m.group(2);
                if (raw.containsKey(id)) {
                    throw new IllegalArgumentException("The specification lists clause " + id + " twice");
                }
                if (!m.group(1).equals(area)) {
                    throw new IllegalArgumentException("Clause " + id + " stands under the heading of area " + area);
                }
                raw.put(id, new String[] {m.group(1), m.group(3)});
                last = id;
            } else if (section == 2 && last != null && !line.isBlank() && !line.startsWith("#")
                    && !line.startsWith("* ") && !line.startsWith("---")) {
                String[] clause = raw.get(last);
                clause[1] = clause[1] + " " + line.trim();
            } else if (section == 3 && (m = QUESTION.matcher(line)).matches()) {
                questions.put(m.group(1), m.group(2));
            } else if (section == 4 && (m = DECISION_ROW.matcher(line)).matches()) {
                String accepts = m.group(4).trim();
                decisions.put(m.group(1), new Decision(m.group(1), m.group(2).trim(), m.group(3).trim(), accepts,
                        levelOf(accepts)));
            } else if (line.isBlank() || line.startsWith("#")) {
                last = null;
            }
        }
        if (raw.isEmpty()) {
            throw new IllegalArgumentException("The specification holds no clause (lines '* **AREA-NN** text' in"
                    + " section 2)");
        }
        Map<String, Set<String>> links = new LinkedHashMap<>();
        raw.forEach((id, clause) -> {
            Matcher q = QUESTION_REF.matcher(clause[1]);
            while (q.find()) {
                links.computeIfAbsent(id, k -> new LinkedHashSet<>()).add(q.group());
            }
        });
        questions.forEach((question, text) -> {
            Matcher c = CLAUSE_REF.matcher(text);
            while (c.find()) {
                if (raw.containsKey(c.group())) {
                    links.computeIfAbsent(c.group(), k -> new LinkedHashSet<>()).add(question);
                }
            }
        });
        extraLinks.forEach((question, ids) -> {
            for (String id : ids) {
                if (!raw.containsKey(id)) {
                    throw new IllegalArgumentException("A link from " + question + " names clause " + id
                            + ", which the specification does not have");
                }
                links.computeIfAbsent(id, k -> new LinkedHashSet<>()).add(question);
            }
        });
        List<Clause> clauses = new ArrayList<>();
        raw.forEach((id, clause) -> {
            List<String> sources = new ArrayList<>();
            Matcher s = SOURCE_TAG.matcher(clause[1]);
            while (s.find()) {
                sources.add(s.group());
            }
            String text = SOURCE_TAG.matcher(clause[1]).replaceAll("").replaceAll("\\s+", " ").trim();
            List<String> linked = List.copyOf(links.getOrDefault(id, Set.of()));
            clauses.add(new Clause(id, clause[0], text, sources, linked, level(linked, decisions)));
        });
        return new Specification(areas, clauses, decisions, sha256(markdown));
    }

    /**
     * The clause with the given id.
     *
     * @param id the id
     * @return the clause, or empty
     */
    public Optional<Clause> clause(String id) {
        return clauses.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /**
     * The area with the given name.
     *
     * @param name the name
     * @return the area, or empty
     */
    public Optional<Area> area(String name) {
        return areas.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    private static Optional<ClauseLevel> levelOf(String accepts) {
        String text = accepts.toLowerCase(Locale.ROOT);
        if (text.contains("optional clause")) {
            return Optional.of(ClauseLevel.OPTIONAL);
        }
        if (text.contains(" or ") || text.contains("either") || text.contains("`, `")) {
            return Optional.of(ClauseLevel.IMPLEMENTATION_DEFINED);
        }
        return Optional.empty();
    }

    private static ClauseLevel level(List<String> questions, Map<String, Decision> decisions) {
        ClauseLevel level = ClauseLevel.REQUIRED;
        for (String question : questions) {
            Decision decision = decisions.get(question);
            if (decision == null || decision.level().isEmpty()) {
                continue;
            }
            if (decision.level().get() == ClauseLevel.IMPLEMENTATION_DEFINED) {
                return ClauseLevel.IMPLEMENTATION_DEFINED;
            }
            level = decision.level().get();
        }
        return level;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
