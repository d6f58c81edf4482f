package dev.anvilcheck.tck.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How clause texts, written in Markdown, appear in report.html. */
class HtmlReportTest {

    @Test
    void codeSpansAndEmphasisBecomeMarkupEverythingElseIsEscaped() {
        assertThat(HtmlReport.text("raises `TypeError` for <b> & \"x\""))
                .isEqualTo("raises <code>TypeError</code> for &lt;b&gt; &amp; &quot;x&quot;");
        assertThat(HtmlReport.text("connected *server* uplinks, **not** `a*b*c`"))
                .isEqualTo("connected <em>server</em> uplinks, <em>not</em> <code>a*b*c</code>");
        assertThat(HtmlReport.text("2 * 3 * 4")).isEqualTo("2 * 3 * 4");
    }
}
