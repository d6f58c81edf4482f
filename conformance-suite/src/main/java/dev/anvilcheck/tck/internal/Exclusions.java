package dev.anvilcheck.tck.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one reviewed list of tests a runtime is excused from ({@value #RESOURCE}), each with its
 * reason. An entry applies to every runtime the suite itself reaches over a transport
 * ({@code transport:uplink-wire}, see {@link OverTheWire}) or to one runtime ({@code runtime:NAME},
 * as {@code RuntimeProvider.name()} names it). Nothing a runtime says about itself can excuse it
 * from a test: only its declared features and this file do, and the report shows the reason.
 */
public final class Exclusions {
    /** The list, in the suite's jar. */
    public static final String RESOURCE = "/dev/anvilcheck/tck/exclusions.tsv";

    /**
     * One excused test.
     *
     * @param scope {@code transport:NAME} or {@code runtime:NAME}
     * @param test the test method's name
     * @param reasonName the reason's name in the list
     * @param reason the reason's text
     * @param line the entry's line, for messages
     */
    public record Entry(String scope, String test, String reasonName, String reason, int line) {}

    private static final class Holder {
        static final List<Entry> ENTRIES = load();
    }

    private Exclusions() {}

    /**
     * Every entry of the list, in its order.
     *
     * @return the entries
     */
    public static List<Entry> entries() {
        return Holder.ENTRIES;
    }

    /**
     * The entry that excuses {@code test} for a runtime named {@code runtime} reached over
     * {@code transport}.
     *
     * @param runtime the runtime's name
     * @param transport the transport's name
     * @param test the test method's name
     * @return the entry, or empty
     */
    public static Optional<Entry> find(String runtime, String transport, String test) {
        String byRuntime = "runtime:" + runtime;
        String byTransport = "transport:" + transport;
        return entries().stream()
                .filter(e -> e.test().equals(test) && (e.scope().equals(byRuntime) || e.scope().equals(byTransport)))
                .findFirst();
    }

    /**
     * Parses the list.
     *
     * @param text the list's text
     * @return its entries
     * @throws IllegalArgumentException naming the line of a malformed entry, an undefined or unused
     *     reason, or a test listed twice for one scope
     */
    public static List<Entry> parse(String text) {
        Map<String, String> reasons = new LinkedHashMap<>();
        List<String[]> excludes = new ArrayList<>();
        List<Integer> excludeLines = new ArrayList<>();
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t");
            if (fields[0].equals("reason") && fields.length == 3 && !fields[2].isBlank()
                    && fields[1].matches("[A-Z][A-Z0-9_]*")) {
                if (reasons.putIfAbsent(fields[1], fields[2].trim()) != null) {
                    throw bad(i, "reason " + fields[1] + " is defined twice");
                }
            } else if (fields[0].equals("exclude") && fields.length == 4
                    && fields[1].matches("(transport|runtime):\\S.*") && fields[2].matches("(required|optional)_\\w+")) {
                excludes.add(fields);
                excludeLines.add(i + 1);
            } else {
                throw bad(i, "expected 'reason<TAB>NAME<TAB>text' or 'exclude<TAB>transport:NAME|runtime:NAME<TAB>"
                        + "test method<TAB>reason NAME', got '" + line + "'");
            }
        }
        List<Entry> entries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Set<String> used = new HashSet<>();
        for (int k = 0; k < excludes.size(); k++) {
            String[] f = excludes.get(k);
            int line = excludeLines.get(k);
            String reason = reasons.get(f[3]);
            if (reason == null) {
                throw bad(line - 1, "reason " + f[3] + " is not defined by a 'reason' line");
            }
            if (!seen.add(f[1] + " " + f[2])) {
                throw bad(line - 1, f[2] + " is excused twice for " + f[1]);
            }
            used.add(f[3]);
            entries.add(new Entry(f[1], f[2], f[3], reason, line));
        }
        Set<String> unused = new java.util.TreeSet<>(reasons.keySet());
        unused.removeAll(used);
        if (!unused.isEmpty()) {
            throw new IllegalArgumentException(RESOURCE + ": reasons no entry uses: " + unused);
        }
        return List.copyOf(entries);
    }

    private static IllegalArgumentException bad(int index, String what) {
        return new IllegalArgumentException(RESOURCE + " line " + (index + 1) + ": " + what);
    }

    private static List<Entry> load() {
        try (InputStream in = Exclusions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The conformance suite holds no " + RESOURCE);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }
}
