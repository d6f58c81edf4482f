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
                .containsPattern("(?m)^CALL: 24 clauses: \\d+ passed, [1-9]\\d* failed, \\d+ not applicable, 3 untested"
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
    void anUnknownRuntimeIsReportedWithTheCommandLinesOwnFlag() {
        assertThat(certify("--runtime", "no.such.Runtime")).isEqualTo(2);
        assertThat(err().lines().toList()).singleElement().asString()
                .startsWith("Cannot certify: Unknown runtime 'no.such.Runtime' (--runtime): no provider")
                .doesNotContain("-Danvilcheck.runtime", "(anvilcheck.runtime)");
        assertThat(out()).isEmpty();
    }

    @Test
    void badArgumentsExitWithTwoAndHelpWithZero() {
        assertThat(certify("--bogus")).isEqualTo(2);
        assertThat(err()).contains("Unknown option: '--bogus'", "Try 'java -jar conformance-suite-cli.jar --help'");
        assertThat(certify("--runtime")).isEqualTo(2);
        assertThat(err()).contains("Missing required parameter for option '--runtime' (<provider>)");
        assertThat(certify("--areas", "CALL,NOPE")).isEqualTo(2);
        assertThat(err()).contains("Unknown area 'NOPE' (--areas): the specification's areas are CALL, AUTH");
        assertThat(certify("--help")).isZero();
        assertThat(out()).contains("Usage:", "Exit code: 0 certified, 1 not certified, 2");
    }

    @Test
    void usageErrorsAreOneMessageAndAHintToHelpOnStderr() {
        assertThat(certify("--bogus")).isEqualTo(2);
        assertThat(err().lines().toList()).containsExactly("Unknown option: '--bogus'",
                "Try 'java -jar conformance-suite-cli.jar --help' for more information.");
        assertThat(out()).isEmpty();
        err.reset();
        assertThat(certify("--timeout-millis", "soon")).isEqualTo(2);
        assertThat(err()).startsWith("Invalid value for option '--timeout-millis': 'soon' is not a number of"
                + " milliseconds").contains("--help");
        err.reset();
        assertThat(certify("--test-timeout-millis=0")).isEqualTo(2);
        assertThat(err()).startsWith("Invalid value for option '--test-timeout-millis': 0 is not a positive number");
        assertThat(out()).isEmpty();
    }

    @Test
    void helpListsEveryFlagAndTheExitCodes() {
        assertThat(certify("-h")).isZero();
        assertThat(out()).startsWith("Usage: java -jar conformance-suite-cli.jar")
                .contains("--classpath=<path>", "--runtime=<provider>", "--report=<folder>", "--areas=<areas>",
                        "--timeout-millis=<ms>", "--no-signal-timeout-millis=<ms>", "--test-timeout-millis=<ms>",
                        "-V, --version",
                        "Exit code: 0 certified, 1 not certified, 2 usage, class path or discovery error,\n"
                                .replace("\n", System.lineSeparator())
                                + "or a report folder that cannot be written.");
        assertThat(err()).isEmpty();
    }

    @Test
    void versionIsTheProjectVersion() {
        String expected = System.getProperty("anvilcheck.projectVersion");
        assertThat(expected).as("the build passes the project version to the tests").isNotBlank();
        assertThat(certify("--version")).isZero();
        assertThat(out()).isEqualTo("anvilcheck conformance suite " + expected + System.lineSeparator());
        assertThat(err()).isEmpty();
    }

    @Test
    void aReportFolderThatCannotBeWrittenIsRefusedBeforeTheRun() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
        assertThat(certify("--areas", "CTX", "--report", file.toString())).isEqualTo(2);
        assertThat(err().lines().toList()).singleElement().asString()
                .isEqualTo("Cannot certify: --report " + file.toAbsolutePath() + " cannot be written: " + file
                        + " exists and is not a folder; name a folder you can create or write to");
        err.reset();
        assertThat(certify("--areas", "CTX", "--report", file.resolve("report").toString())).isEqualTo(2);
        assertThat(err().lines().toList()).singleElement().asString()
                .startsWith("Cannot certify: --report " + file.resolve("report").toAbsolutePath() + " cannot be written:")
                .endsWith("; name a folder you can create or write to");
        assertThat(out()).doesNotContain("Certifying", "TOTAL");
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
