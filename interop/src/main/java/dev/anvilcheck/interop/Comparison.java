package dev.anvilcheck.interop;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.TreeSet;

/**
 * The verdict on one scenario: both outcomes equal ({@code PASS}), different ({@code DIFF}; explained
 * when {@code docs/INTEROP.md} lists it), or not played by one side ({@code SKIP}); with the line the
 * harness prints for it.
 *
 * @param scenario the scenario
 * @param verdict the verdict
 * @param detail what the line says after the clause
 */
record Comparison(Scenario scenario, Verdict verdict, String detail) {
    /** How a scenario came out. */
    enum Verdict {
        /** The outcomes are equal. */
        PASS,
        /** The outcomes differ, and no reason is listed. */
        DIFF,
        /** The outcomes differ for a listed reason. */
        EXPLAINED,
        /** One side did not play it. */
        SKIP
    }

    private static final int MAX = 240;

    /**
     * Compares the outcomes of one scenario.
     *
     * @param s the scenario
     * @param python the Python client's outcome, or {@code null} if it printed none
     * @param java the Java client's outcome, or {@code null} if it played none
     * @param known the known differences
     * @return the verdict
     */
    static Comparison of(Scenario s, JsonNode python, JsonNode java, KnownDifferences known) {
        if (python == null || java == null) {
            String missing = python == null && java == null ? "neither side"
                    : python == null ? "the Python side" : "the Java side";
            return new Comparison(s, Verdict.DIFF, "no outcome from " + missing);
        }
        if (python.has("skip") || java.has("skip")) {
            JsonNode skipped = python.has("skip") ? python : java;
            return new Comparison(s, Verdict.SKIP, "not played: " + skipped.path("skip").asText());
        }
        if (python.has("harness_error") || java.has("harness_error")) {
            return new Comparison(s, Verdict.DIFF, "harness error: python " + python.path("harness_error").asText("-")
                    + "; java " + java.path("harness_error").asText("-"));
        }
        if (python.equals(java)) {
            return new Comparison(s, Verdict.PASS, s.checks());
        }
        String where = firstDifference("$", python, java);
        String reason = known.reason(s.id());
        if (reason != null) {
            return new Comparison(s, Verdict.EXPLAINED, "explained: " + reason + " [" + where + "]");
        }
        return new Comparison(s, Verdict.DIFF, where);
    }

    /** The line the harness prints: {@code PASS|DIFF|SKIP <id> <clause> <detail>}. */
    String line() {
        String word = verdict == Verdict.EXPLAINED ? "DIFF" : verdict.name();
        return word + " " + scenario.id() + " " + scenario.clause() + " " + detail;
    }

    /** Where two JSON trees first differ, and how, shortened. */
    static String firstDifference(String path, JsonNode python, JsonNode java) {
        if (python.isObject() && java.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            python.fieldNames().forEachRemaining(names::add);
            java.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode p = python.get(name);
                JsonNode j = java.get(name);
                if (p == null || j == null || !p.equals(j)) {
                    if (p == null || j == null) {
                        return shorten(path + "." + name + ": python " + show(p) + " vs java " + show(j));
                    }
                    return firstDifference(path + "." + name, p, j);
                }
            }
        }
        if (python.isArray() && java.isArray()) {
            Iterator<JsonNode> p = python.elements();
            Iterator<JsonNode> j = java.elements();
            for (int i = 0; p.hasNext() || j.hasNext(); i++) {
                JsonNode a = p.hasNext() ? p.next() : null;
                JsonNode b = j.hasNext() ? j.next() : null;
                if (a == null || b == null) {
                    return shorten(path + "[" + i + "]: python " + show(a) + " vs java " + show(b));
                }
                if (!a.equals(b)) {
                    return firstDifference(path + "[" + i + "]", a, b);
                }
            }
        }
        return shorten(path + ": python " + show(python) + " vs java " + show(java));
    }

    private static String show(JsonNode node) {
        return node == null ? "(absent)" : node.toString();
    }

    private static String shorten(String text) {
        return text.length() <= MAX ? text : text.substring(0, MAX - 3) + "...";
    }
}
