package dev.anvilcheck.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anvilcheck.tck.broken.UnknownNameReturns42;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CertifyTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int certify(String... args) {
        return Certify.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aBrokenRuntimeFailsWithExitCodeOneAndOneLinePerArea() {
        int exit = certify("--runtime", UnknownNameReturns42.class.getName(), "--timeout-millis", "3000");
        assertThat(exit).isEqualTo(1);
        String report = out();
        assertThat(report).contains("Certifying runtime 'UnknownNameReturns42'")
                .contains("FAIL [CALL-05] calling an unregistered name raises NoServerFunctionError in every caller")
                .contains("[CALL-05] expected: NoServerFunctionError; observed: returned 42 (Long)")
                .contains("---- [CALL-01]")
                .contains("not verified by this suite");
        for (String area : new String[] {"CALL", "AUTH", "CTX", "SESS", "SER", "ERR"}) {
            assertThat(report).containsPattern("(?m)^" + area
                    + ": \\d+ passed, \\d+ failed, \\d+ not applicable, \\d+ untested$");
        }
        Matcher call = Pattern.compile("(?m)^CALL: \\d+ passed, (\\d+) failed").matcher(report);
        assertThat(call.find()).isTrue();
        assertThat(Integer.parseInt(call.group(1))).isPositive();
        assertThat(report).containsPattern("(?m)^TOTAL: \\d+ passed, [1-9]\\d* failed, .* -- DOES NOT CONFORM$");
    }

    @Test
    void theReferenceRuntimeIsFoundWithoutAChoiceAndReportsImplementationDefinedChoices() {
        int exit = certify();
        assertThat(exit).isIn(0, 1);
        assertThat(out()).contains("Certifying runtime 'anvilcheck reference runtime'")
                .contains("Implementation-defined choices this runtime showed:")
                .contains("Q-01: client uplink remote_caller.type")
                .containsPattern("(?m)^TOTAL: ");
    }

    @Test
    void anUnknownRuntimeExitsWithTwoAndSaysWhatWasFound() {
        assertThat(certify("--runtime", "no.such.Runtime")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Cannot certify: Unknown runtime 'no.such.Runtime'")
                .contains("anvilcheck reference runtime");
        assertThat(out()).doesNotContain("TOTAL");
    }

    @Test
    void badArgumentsExitWithTwoAndHelpWithZero() {
        assertThat(certify("--bogus")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unknown argument: --bogus", "Usage:");
        assertThat(certify("--runtime")).isEqualTo(2);
        assertThat(certify("--help")).isZero();
        assertThat(out()).contains("Usage:");
    }
}
