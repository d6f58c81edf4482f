package dev.anvilcheck.tck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anvilcheck.tck.broken.UnknownNameReturns42;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: arguments, exit codes, progress lines, the summary and the report files. */
class CertifyTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    private int certify(String... args) {
        return Certify.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aBrokenRuntimeIsNotCertifiedAndTheReportSaysWhichClauseFailedAndWhy() throws IOException {
        int exit = certify("--runtime", UnknownNameReturns42.class.getName(), "--areas", "call",
                "--report", dir.toString());
        assertThat(exit).isEqualTo(1);
        assertThat(out()).contains("Certifying runtime 'UnknownNameReturns42'", "Areas: CALL")
                .containsPattern("(?m)^\\[ *\\d+] FAIL \\[CALL-05] calling an unregistered name raises"
                        + " NoServerFunctionError in every caller$")
                .contains("[CALL-05] expected: NoServerFunctionError; observed: returned 42 (Long)")
                .contains("---- [CALL-01] not verified by this suite: Python-only")
                .containsPattern("(?m)^CALL: 24 clauses: \\d+ passed, [1-9]\\d* failed, \\d+ not applicable, 5 untested"
                        + " \\(\\d+ tests\\)$")
                .containsPattern("(?m)^TOTAL: .* -- NOT CERTIFIED$")
                .doesNotContain("AUTH:", "[AUTH-");
        JsonNode report = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
        assertThat(report.get("certified").asBoolean()).isFalse();
        assertThat(report.at("/run/areas").toString()).isEqualTo("[\"CALL\"]");
        JsonNode call05 = clause(report, "CALL-05");
        assertThat(call05.get("status").asText()).isEqualTo("failed");
        assertThat(call05.get("failure").asText()).startsWith("[CALL-05] expected: NoServerFunctionError;");
        assertThat(call05.get("tests").get(0).get("name").asText()).startsWith("CallVerification#required_CALL_05_");
        assertThat(clause(report, "CALL-01").get("status").asText()).isEqualTo("untested");
        assertThat(Files.readString(dir.resolve("report.html"))).contains("NOT CERTIFIED", "CALL-05");
    }

    @Test
    void theReferenceRuntimeIsFoundWithoutAChoiceAndCertified() {
        int exit = certify("--areas", "CTX,ERR", "--report", dir.toString());
        assertThat(exit).isZero();
        assertThat(out()).contains("Certifying runtime 'anvilcheck reference runtime'")
                .contains("Implementation-defined choices and observations:")
                .contains("Q-01: client uplink remote_caller.type")
                .containsPattern("(?m)^TOTAL: .* 0 failed, .* -- CERTIFIED$");
        assertThat(dir.resolve("report.json")).exists();
        assertThat(dir.resolve("report.html")).exists();
    }

    @Test
    void discoveryAndClassPathErrorsExitWithTwoAndSayWhatWasFound() {
        assertThat(certify("--runtime", "no.such.Runtime")).isEqualTo(2);
        assertThat(err()).contains("Cannot certify: Unknown runtime 'no.such.Runtime'")
                .contains("anvilcheck reference runtime");
        assertThat(certify("--classpath", dir.resolve("missing.jar").toString())).isEqualTo(2);
        assertThat(err()).contains("--classpath names ", "missing.jar, which does not exist");
        assertThat(out()).doesNotContain("TOTAL");
    }

    @Test
    void badArgumentsExitWithTwoAndHelpWithZero() {
        assertThat(certify("--bogus")).isEqualTo(2);
        assertThat(err()).contains("Unknown argument: --bogus", "Usage:");
        assertThat(certify("--runtime")).isEqualTo(2);
        assertThat(err()).contains("Missing value after --runtime");
        assertThat(certify("--areas", "CALL,NOPE")).isEqualTo(2);
        assertThat(err()).contains("Unknown area 'NOPE' (--areas): the specification's areas are CALL, AUTH");
        assertThat(certify("--help")).isZero();
        assertThat(out()).contains("Usage:", "Exit code: 0 certified, 1 not certified, 2");
    }

    static JsonNode clause(JsonNode report, String id) {
        for (JsonNode clause : report.get("clauses")) {
            if (clause.get("id").asText().equals(id)) {
                return clause;
            }
        }
        throw new AssertionError("no clause " + id + " in the report");
    }
}
