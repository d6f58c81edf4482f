package dev.anvilcheck.tck.internal.report;

import dev.anvilcheck.tck.internal.report.ConformanceReport.AreaSummary;
import dev.anvilcheck.tck.internal.report.ConformanceReport.Choice;
import dev.anvilcheck.tck.internal.report.ConformanceReport.ClauseResult;
import dev.anvilcheck.tck.internal.report.ConformanceReport.Counts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a {@link ConformanceReport} as one self-contained HTML page ({@code report.html}): inline
 * CSS, no script, nothing fetched from the network, readable from the file system. It shows the
 * verdict, a summary per area, the failed clauses first with their messages, the
 * implementation-defined choices the runtime showed, and then every clause of the areas run with
 * its text, level, status and tests.
 */
public final class HtmlReport {
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern EMPHASIS = Pattern.compile("(?<![*\\w])\\*([^*\\s][^*]*?)\\*(?![*\\w])");
    private static final String CSS = """
            body{font:15px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0 auto;max-width:1100px;
            padding:1.5em;color:#1b1f24;background:#fff}
            h1{font-size:1.6em;margin:.2em 0}h2{margin-top:1.6em;border-bottom:1px solid #d0d7de;padding-bottom:.2em}
            h3{margin:1.2em 0 .3em}
            table{border-collapse:collapse;width:100%;margin:.6em 0}th,td{border:1px solid #d0d7de;padding:.3em .5em;
            text-align:left;vertical-align:top}th{background:#f6f8fa}td.n{text-align:right}
            .verdict{font-size:1.3em;font-weight:bold;padding:.5em .8em;border-radius:6px;display:inline-block}
            .ok{background:#dafbe1;color:#116329}.bad{background:#ffebe9;color:#a40e26}
            .s{font:bold 12px monospace;padding:.1em .4em;border-radius:4px;white-space:nowrap}
            .passed{background:#dafbe1;color:#116329}.failed{background:#ffebe9;color:#a40e26}
            .not_applicable{background:#fff8c5;color:#7d4e00}.untested{background:#eaeef2;color:#57606a}
            .clause{border:1px solid #d0d7de;border-radius:6px;padding:.5em .8em;margin:.5em 0}
            .clause.failed{border-color:#ff8182}
            .id{font-weight:bold;font-family:monospace}.lvl{color:#57606a;font-size:.9em}
            .why{color:#57606a}pre{white-space:pre-wrap;background:#f6f8fa;padding:.5em;border-radius:4px;margin:.3em 0}
            code{background:#f6f8fa;padding:0 .2em;border-radius:3px}
            details{margin:.3em 0}summary{cursor:pointer;color:#0969da}
            ul.tests{margin:.2em 0;padding-left:1.2em}.meta td:first-child{width:14em;font-weight:bold}
            """;

    private HtmlReport() {}

    /**
     * The report as an HTML page.
     *
     * @param report the report
     * @return the page
     */
    public static String toHtml(ConformanceReport report) {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>anvil.server conformance: ").append(esc(report.runtime().name())).append(" — ")
                .append(esc(report.verdict())).append("</title><style>").append(CSS).append("</style></head><body>\n");
        h.append("<h1>anvil.server conformance report</h1>\n");
        h.append("<p><span class=\"verdict ").append(report.certified() ? "ok" : "bad").append("\">")
                .append(esc(report.verdict())).append("</span> &nbsp; ").append(esc(report.runtime().name()))
                .append("</p>\n");
        meta(h, report);
        summary(h, report);
        failures(h, report);
        choices(h, report.implementationDefined());
        h.append("<h2 id=\"clauses\">Every clause</h2>\n");
        for (AreaSummary area : report.summary().byArea()) {
            h.append("<h3 id=\"area-").append(esc(area.area())).append("\">").append(esc(area.area())).append(" — ")
                    .append(text(area.title())).append("</h3>\n<p class=\"why\">").append(esc(area.counts().toString()))
                    .append("</p>\n");
            for (ClauseResult clause : report.clauses()) {
                if (clause.area().equals(area.area())) {
                    clause(h, clause, false);
                }
            }
        }
        h.append("<p class=\"why\">Written by ").append(esc(report.suite().name())).append(' ')
                .append(esc(report.suite().version())).append(". Statuses: passed, failed, not applicable (a feature"
                        + " the runtime does not declare), untested (listed with its reason in ")
                .append(esc(report.suite().notTestableList())).append(").</p>\n</body></html>\n");
        return h.toString();
    }

    /**
     * Writes the page to a file, creating its folder.
     *
     * @param report the report
     * @param file the file
     */
    public static void write(ConformanceReport report, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, toHtml(report), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void meta(StringBuilder h, ConformanceReport report) {
        h.append("<table class=\"meta\">\n");
        row(h, "Runtime", esc(report.runtime().name()) + " (<code>" + esc(report.runtime().provider()) + "</code>)");
        row(h, "Declared features", report.runtime().declaredFeatures().isEmpty() ? "none"
                : esc(String.join(", ", report.runtime().declaredFeatures())));
        if (!report.runtime().featureProblems().isEmpty()) {
            row(h, "Declared but not working", "<ul>" + items(report.runtime().featureProblems()) + "</ul>");
        }
        row(h, "Calls", esc(report.transport().calls()));
        row(h, "HTTP", report.transport().http().isEmpty() ? "not declared" : esc(String.join("; ",
                report.transport().http())));
        row(h, "Uplink wire", esc(report.transport().uplink()));
        row(h, "Areas", esc(String.join(", ", report.run().areas())) + (report.run().allAreas() ? " (all)" : ""));
        row(h, "Started", esc(report.run().startedAt()) + ", tests took " + report.run().durationMillis() + " ms");
        row(h, "Specification", esc(report.suite().specification()) + ", " + report.suite().specificationClauses()
                + " clauses, SHA-256 <code>" + esc(report.suite().specificationSha256()) + "</code>");
        if (!report.run().settings().isEmpty()) {
            StringBuilder settings = new StringBuilder();
            report.run().settings().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(e ->
                    settings.append("<code>").append(esc(e.getKey())).append("</code> = ").append(esc(e.getValue()))
                            .append("<br>"));
            row(h, "Settings", settings.toString());
        }
        h.append("</table>\n");
    }

    private static void summary(StringBuilder h, ConformanceReport report) {
        h.append("<h2 id=\"summary\">Summary per area</h2>\n<table><tr><th>Area</th><th></th><th>Clauses</th>")
                .append("<th>Passed</th><th>Failed</th><th>Not applicable</th><th>Untested</th><th>Tests</th></tr>\n");
        for (AreaSummary area : report.summary().byArea()) {
            h.append("<tr><td><a href=\"#area-").append(esc(area.area())).append("\">").append(esc(area.area()))
                    .append("</a></td><td>").append(text(area.title())).append("</td>");
            counts(h, area.counts());
        }
        h.append("<tr><th>Total</th><th></th>");
        counts(h, report.summary().total());
        h.append("</table>\n");
        if (!report.suiteErrors().isEmpty()) {
            h.append("<h2 id=\"suite-errors\">Errors outside tests</h2>\n<ul>").append(items(report.suiteErrors()))
                    .append("</ul>\n");
        }
    }

    private static void counts(StringBuilder h, Counts c) {
        h.append("<td class=\"n\">").append(c.clauses()).append("</td><td class=\"n\">").append(c.passed())
                .append("</td><td class=\"n\">").append(c.failed()).append("</td><td class=\"n\">")
                .append(c.notApplicable()).append("</td><td class=\"n\">").append(c.untested())
                .append("</td><td class=\"n\">").append(c.tests()).append("</td></tr>\n");
    }

    private static void failures(StringBuilder h, ConformanceReport report) {
        List<ClauseResult> failed = report.clauses().stream().filter(c -> c.status() == TestStatus.FAILED).toList();
        h.append("<h2 id=\"failures\">Failures</h2>\n");
        if (failed.isEmpty()) {
            h.append("<p>No clause failed.</p>\n");
            return;
        }
        for (ClauseResult clause : failed) {
            clause(h, clause, true);
        }
    }

    private static void choices(StringBuilder h, List<Choice> choices) {
        h.append("<h2 id=\"choices\">Implementation-defined choices and observations</h2>\n");
        if (choices.isEmpty()) {
            h.append("<p>None recorded.</p>\n");
            return;
        }
        h.append("<table><tr><th>Question</th><th>Clause</th><th>This runtime showed</th><th>Test</th></tr>\n");
        for (Choice choice : choices) {
            h.append("<tr><td>").append(esc(choice.key())).append("</td><td><a href=\"#").append(esc(choice.clause()))
                    .append("\">").append(esc(choice.clause())).append("</a></td><td>").append(esc(choice.observed()))
                    .append("</td><td>").append(esc(choice.test())).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void clause(StringBuilder h, ClauseResult clause, boolean failuresSection) {
        h.append("<div class=\"clause ").append(clause.status().label()).append('"');
        if (!failuresSection) {
            h.append(" id=\"").append(esc(clause.id())).append('"');
        }
        h.append("><span class=\"s ").append(clause.status().label()).append("\">")
                .append(clause.status().label().replace('_', ' ')).append("</span> <span class=\"id\">")
                .append(esc(clause.id())).append("</span> <span class=\"lvl\">").append(esc(clause.level()))
                .append(clause.questions().isEmpty() ? "" : " (" + esc(String.join(", ", clause.questions())) + ")")
                .append("</span><br>").append(text(clause.text()));
        if (clause.failure() != null && !failuresSection) {
            h.append("<pre>").append(esc(clause.failure())).append("</pre>");
        }
        if (clause.reason() != null) {
            h.append("<div class=\"why\">").append(esc(clause.reason())).append("</div>");
        }
        if (clause.untestedPart() != null) {
            h.append("<div class=\"why\">Not verified in part: ").append(esc(clause.untestedPart())).append("</div>");
        }
        if (!clause.tests().isEmpty()) {
            h.append(failuresSection ? "<details open>" : "<details>").append("<summary>")
                    .append(clause.tests().size()).append(clause.tests().size() == 1 ? " test" : " tests")
                    .append("</summary><ul class=\"tests\">");
            for (TestResult test : clause.tests()) {
                h.append("<li><span class=\"s ").append(test.status().label()).append("\">")
                        .append(test.status().label().replace('_', ' ')).append("</span> ")
                        .append(esc(test.displayName())).append(" <code>").append(esc(test.name())).append("</code> ")
                        .append(test.durationMillis()).append(" ms");
                if (test.message() != null && test.status() != TestStatus.PASSED) {
                    h.append("<pre>").append(esc(test.message())).append("</pre>");
                }
                for (TestResult.Note note : test.notes()) {
                    h.append("<div class=\"why\">").append(esc(note.key())).append(": ").append(esc(note.value()))
                            .append("</div>");
                }
                h.append("</li>");
            }
            h.append("</ul></details>");
        }
        h.append("</div>\n");
    }

    private static void row(StringBuilder h, String name, String html) {
        h.append("<tr><td>").append(esc(name)).append("</td><td>").append(html).append("</td></tr>\n");
    }

    private static String items(List<String> lines) {
        StringBuilder out = new StringBuilder();
        lines.forEach(l -> out.append("<li>").append(esc(l)).append("</li>"));
        return out.toString();
    }

    /**
     * A clause's text, escaped, with its Markdown code spans as {@code <code>} and its emphasis
     * ({@code *word*}, {@code **word**}) as {@code <em>}; nothing inside a code span is touched.
     */
    static String text(String markdown) {
        Matcher m = CODE.matcher(markdown);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            out.append(prose(markdown.substring(last, m.start()))).append("<code>").append(esc(m.group(1)))
                    .append("</code>");
            last = m.end();
        }
        return out.append(prose(markdown.substring(last))).toString();
    }

    private static String prose(String markdown) {
        String plain = esc(markdown.replace("**", "*"));
        return EMPHASIS.matcher(plain).replaceAll("<em>$1</em>");
    }

    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
