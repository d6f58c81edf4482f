package dev.anvilcheck.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anvilcheck.tck.broken.DeclaresTimeControlButItsClockFails;
import dev.anvilcheck.tck.internal.FeatureCheck;
import dev.anvilcheck.tck.internal.report.CertificationRun;
import dev.anvilcheck.tck.internal.report.ConformanceReport;
import dev.anvilcheck.tck.internal.report.TestStatus;
import dev.anvilcheck.runtime.ReferenceRuntimeProvider;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Declared features are validated (CONVENTIONS 3): a declaration the runtime does not honour is reported clearly. */
class FeatureValidationTest {

    @Test
    void theReferenceRuntimeHonoursEveryFeatureItDeclares() {
        assertThat(FeatureCheck.preflight(new ReferenceRuntimeProvider())).isEmpty();
    }

    @Test
    void aDeclaredFeatureWhoseMethodThrowsIsReportedAndPreventsCertification() {
        DeclaresTimeControlButItsClockFails provider = new DeclaresTimeControlButItsClockFails();
        assertThat(FeatureCheck.preflight(provider)).containsExactly("runtime 'DeclaresTimeControlButItsClockFails'"
                + " declares Feature.TIME_CONTROL, but its SPI method raised java.lang.UnsupportedOperationException:"
                + " no clock control here");
        ConformanceReport report = new CertificationRun(provider, getClass().getClassLoader(), Set.of("SESS"),
                Map.of(RuntimeDiscovery.RUNTIME_PROPERTY, provider.getClass().getName()), null).run();
        assertThat(report.certified()).isFalse();
        assertThat(report.runtime().featureProblems()).hasSize(1);
        ConformanceReport.ClauseResult sess10 = report.clauses().stream().filter(c -> c.id().equals("SESS-10"))
                .findFirst().orElseThrow();
        assertThat(sess10.status()).isEqualTo(TestStatus.FAILED);
        assertThat(sess10.failure()).isEqualTo("[SESS-10] expected: the declared features this test needs to work;"
                + " observed: runtime 'DeclaresTimeControlButItsClockFails' declares Feature.TIME_CONTROL, but its"
                + " SPI method raised java.lang.UnsupportedOperationException: no clock control here; caller: -;"
                + " function: -; waited: 0 ms");
    }
}
