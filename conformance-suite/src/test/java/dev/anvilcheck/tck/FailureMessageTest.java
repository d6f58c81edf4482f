package dev.anvilcheck.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anvilcheck.python.ValueError;
import dev.anvilcheck.server.AnvilWrappedError;
import dev.anvilcheck.server.NoServerFunctionError;
import dev.anvilcheck.server.host.WireError;
import dev.anvilcheck.spi.CallerKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class FailureMessageTest {

    @Test
    void theTemplateNamesClauseExpectationObservationCallerFunctionAndWait() {
        FailureMessage m = new FailureMessage("CALL-05", "NoServerFunctionError", "returned 42",
                CallerKind.BROWSER, "missing", Duration.ofMillis(7));
        assertThat(m.format()).isEqualTo("[CALL-05] expected: NoServerFunctionError; observed: returned 42;"
                + " caller: BROWSER; function: 'missing'; waited: 7 ms");
        assertThat(m.toFailure()).isInstanceOf(AssertionError.class).hasMessage(m.format());
        assertThat(m.toFailure().clause()).isEqualTo("CALL-05");
    }

    @Test
    void aMissingCallerOrFunctionIsADash() {
        assertThat(new FailureMessage("SESS-08", "a", "b", null, null, null).format())
                .isEqualTo("[SESS-08] expected: a; observed: b; caller: -; function: -; waited: 0 ms");
    }

    @Test
    void raisesReportsAReturnedValueWithItsType() {
        assertThatThrownBy(() -> Expect.raises("CALL-05", CallerKind.BROWSER, "missing",
                NoServerFunctionError.class, () -> 42L))
                .isInstanceOf(ClauseViolation.class)
                .hasMessageMatching("\\[CALL-05] expected: NoServerFunctionError; observed: returned 42 \\(Long\\);"
                        + " caller: BROWSER; function: 'missing'; waited: \\d+ ms");
    }

    @Test
    void raisesReportsAnotherExceptionWithItsWireTypeAndKeepsItAsCause() {
        AnvilWrappedError wrapped = new AnvilWrappedError(new WireError("ValueError", "bad", List.of()));
        assertThatThrownBy(() -> Expect.raises("ERR-03", CallerKind.UPLINK, "f",
                dev.anvilcheck.python.KeyError.class, () -> {
                    throw wrapped;
                }))
                .isInstanceOf(ClauseViolation.class)
                .hasCause(wrapped)
                .hasMessageStartingWith("[ERR-03] expected: KeyError; observed: raised AnvilWrappedError"
                        + " [wire type 'ValueError']: \"bad\"; caller: UPLINK; function: 'f'; waited: ");
    }

    @Test
    void raisesReturnsTheExpectedException() {
        ValueError error = new ValueError("x");
        assertThat(Expect.raises("X-01", CallerKind.BROWSER, "f", IllegalArgumentException.class, () -> {
            throw error;
        })).isSameAs(error);
    }

    @Test
    void returnsReportsARaisedException() {
        assertThatThrownBy(() -> Expect.returns("CALL-04", CallerKind.HTTP, "f", () -> {
            throw new IllegalStateException("boom");
        })).isInstanceOf(ClauseViolation.class)
                .hasMessageStartingWith("[CALL-04] expected: a normal return; observed: raised"
                        + " IllegalStateException: \"boom\"; caller: HTTP; function: 'f'; waited: ");
    }

    @Test
    void suiteSignalsPassThroughUnchanged() {
        ClauseViolation inner = Expect.violation("CTX-01", null, null, "a", "b");
        assertThatThrownBy(() -> Expect.returns("CALL-04", CallerKind.HTTP, "f", () -> {
            throw inner;
        })).isSameAs(inner);
        TestAbortedException aborted = new TestAbortedException("n/a");
        assertThatThrownBy(() -> Expect.raises("CALL-04", CallerKind.HTTP, "f", RuntimeException.class, () -> {
            throw aborted;
        })).isSameAs(aborted);
    }

    @Test
    void equalDescribesBothSidesWithTypes() {
        assertThatThrownBy(() -> Expect.equal("SER-06", CallerKind.BROWSER, "echo", "argument", 7L, 7))
                .hasMessage("[SER-06] expected: argument = 7 (Long); observed: argument = 7 (Integer);"
                        + " caller: BROWSER; function: 'echo'; waited: 0 ms");
        assertThatThrownBy(() -> Expect.equal("SER-03", CallerKind.BROWSER, "echo", "argument",
                List.of("a", 1L), Map.of("k", List.of())))
                .hasMessageContaining("expected: argument = [\"a\", 1 (Long)] (List)")
                .hasMessageContaining("observed: argument = {\"k\": []} (Map)");
    }

    @Test
    void optionalAbortsNamingTheClause() {
        assertThatThrownBy(() -> Expect.optional("SESS-08", false, "last writer won"))
                .isInstanceOf(TestAbortedException.class)
                .hasMessage("[SESS-08] optional behaviour not shown by this runtime: last writer won");
        Expect.optional("SESS-08", true, "unused");
    }
}
