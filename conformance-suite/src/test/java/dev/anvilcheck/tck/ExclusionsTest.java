package dev.anvilcheck.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anvilcheck.tck.internal.Exclusions;
import dev.anvilcheck.tck.internal.OverTheWire;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The reviewed list of exclusions ({@code exclusions.tsv}) names only tests that exist, with reasons
 * it defines, and refuses malformed entries with the line and the fault.
 */
class ExclusionsTest {
    @Test
    void everyEntryNamesAConformanceTestThatExists() throws Exception {
        Set<String> tests = SuiteCompletenessTest.clauseTests().stream().map(Method::getName)
                .collect(Collectors.toSet());
        List<String> unknown = Exclusions.entries().stream().map(Exclusions.Entry::test)
                .filter(t -> !tests.contains(t)).toList();
        assertThat(unknown).as("tests %s excuses that no clause class has", Exclusions.RESOURCE).isEmpty();
        assertThat(Exclusions.entries()).isNotEmpty();
    }

    @Test
    void entriesApplyToTheirScopeOnly() {
        Exclusions.Entry entry = Exclusions.entries().get(0);
        assertThat(entry.scope()).isEqualTo("transport:" + OverTheWire.TRANSPORT);
        assertThat(Exclusions.find("any runtime", OverTheWire.TRANSPORT, entry.test())).contains(entry);
        assertThat(Exclusions.find("any runtime", "in-memory", entry.test())).isEmpty();
        assertThat(Exclusions.find("any runtime", OverTheWire.TRANSPORT, "required_CALL_02_noSuchTest")).isEmpty();
    }

    @Test
    void malformedListsAreRefusedNamingTheLineAndTheFault() {
        assertThatThrownBy(() -> Exclusions.parse("exclude\truntime:x\trequired_A_01_t\tWHY\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 1").hasMessageContaining("reason WHY is not defined");
        assertThatThrownBy(() -> Exclusions.parse("reason\tWHY\tbecause\nreason\tWHY\tagain\n"))
                .hasMessageContaining("line 2").hasMessageContaining("defined twice");
        assertThatThrownBy(() -> Exclusions.parse("reason\tWHY\tbecause\nreason\tUNUSED\tnever\n"
                + "exclude\truntime:x\trequired_A_01_t\tWHY\n")).hasMessageContaining("[UNUSED]");
        assertThatThrownBy(() -> Exclusions.parse("reason\tWHY\tbecause\nexclude\truntime:x\trequired_A_01_t\tWHY\n"
                + "exclude\truntime:x\trequired_A_01_t\tWHY\n")).hasMessageContaining("line 3")
                .hasMessageContaining("excused twice for runtime:x");
        assertThatThrownBy(() -> Exclusions.parse("exclude\tsomewhere\trequired_A_01_t\tWHY\n"))
                .hasMessageContaining("line 1").hasMessageContaining("expected");
        assertThatThrownBy(() -> Exclusions.parse("reason\tWHY\t \n")).hasMessageContaining("expected");
    }

    @Test
    void aRuntimeNamedEntryExcusesThatRuntimeOnOneTest() {
        List<Exclusions.Entry> entries = Exclusions.parse("reason\tWHY\tbecause\n"
                + "exclude\truntime:Acme\trequired_A_01_t\tWHY\n");
        assertThat(entries).singleElement().satisfies(e -> {
            assertThat(e.scope()).isEqualTo("runtime:Acme");
            assertThat(e.reason()).isEqualTo("because");
            assertThat(e.line()).isEqualTo(2);
        });
    }
}
