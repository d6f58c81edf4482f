package dev.anvilcheck.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anvilcheck.python.TypeError;
import dev.anvilcheck.python.ValueError;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CapabilityTest {

    @Test
    void cap01_scopeMustBeANonEmptyJsonListNotStartingWithUnderscore() {
        assertThatThrownBy(() -> new Capability(null)).isInstanceOf(TypeError.class);
        assertThatThrownBy(() -> new Capability(List.of())).isInstanceOf(ValueError.class);
        assertThatThrownBy(() -> new Capability(List.of("_", 1))).isInstanceOf(ValueError.class);
        assertThatThrownBy(() -> new Capability(List.of(new Object()))).isInstanceOf(TypeError.class);
    }

    @Test
    void cap02_scopeIsNormalisedAsByAJsonRoundTrip() {
        Capability cap = new Capability(Arrays.asList("doc", 1, new Object[] {"a", 2}, Map.of(3, "x")));
        assertThat(cap.scope()).containsExactly("doc", 1L, List.of("a", 2L), Map.of("3", "x"));
    }

    @Test
    void cap04_cap05_narrowAppendsAndLeavesTheOriginalUnchanged() {
        Capability cap = new Capability(List.of("doc"));
        Capability narrow = cap.narrow(List.of(42));
        assertThat(narrow.scope()).containsExactly("doc", 42L);
        assertThat(cap.scope()).containsExactly("doc");
        assertThat(cap.narrow(List.of())).isEqualTo(cap);
        cap.scope().add("mutated");
        assertThat(cap.scope()).containsExactly("doc");
    }

    @Test
    void cap09_equalityUsesTheFullScopeOnly() {
        assertThat(new Capability(List.of("a", "b"))).isEqualTo(new Capability(List.of("a")).narrow(List.of("b")))
                .hasSameHashCodeAs(new Capability(List.of("a")).narrow(List.of("b")));
        assertThat(new Capability(List.of("a"))).isNotEqualTo(List.of("a"));
    }

    @Test
    void cap10_unwrapNeedsACapabilityAndAListPattern() {
        assertThatThrownBy(() -> AnvilServer.unwrapCapability("doc", List.of("doc"))).isInstanceOf(TypeError.class);
        assertThatThrownBy(() -> AnvilServer.unwrapCapability(new Capability(List.of("doc")), null))
                .isInstanceOf(TypeError.class);
    }

    @Test
    void cap11_aScopeLongerThanThePatternIsTooNarrow() {
        assertThatThrownBy(() -> AnvilServer.unwrapCapability(new Capability(List.of("doc", 1)), List.of("doc")))
                .isInstanceOf(ValueError.class).hasMessageContaining("too narrow");
    }

    @Test
    void cap12_eachPositionMustMatch() {
        Capability cap = new Capability(List.of("doc", 1, List.of("x")));
        assertThat(AnvilServer.unwrapCapability(cap, List.of("doc", 1, new Object[] {"x"})))
                .containsExactly("doc", 1L, List.of("x"));
        assertThatThrownBy(() -> AnvilServer.unwrapCapability(cap, List.of("doc", 2, Capability.ANY)))
                .isInstanceOf(ValueError.class).hasMessageContaining("Incorrect Capability");
    }

    @Test
    void cap13_cap14_broaderCapabilitiesArePaddedWithNullAndAnyMatchesAnything() {
        Capability cap = new Capability(List.of("doc", Map.of("k", 1)));
        assertThat(AnvilServer.unwrapCapability(cap, List.of("doc", Capability.ANY, Capability.ANY)))
                .containsExactly("doc", Map.of("k", 1L), null);
        assertThat(Capability.ANY).hasToString("ANY");
    }
}
