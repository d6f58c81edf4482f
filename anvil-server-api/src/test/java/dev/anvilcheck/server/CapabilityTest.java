package dev.anvilcheck.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anvilcheck.python.AttributeError;
import dev.anvilcheck.python.TypeError;
import dev.anvilcheck.python.ValueError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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

    /** An epoch that is current while its generation matches a shared counter. */
    private record CountingEpoch(AtomicLong counter, long generation) implements Capability.Epoch {
        @Override
        public boolean isCurrent() {
            return counter.get() == generation;
        }

        @Override
        public Capability.Epoch current() {
            return new CountingEpoch(counter, counter.get());
        }
    }

    @Test
    void cap14_requireIsTheDeprecatedAliasOfUnwrap() {
        Capability cap = new Capability(List.of("doc", 7));
        @SuppressWarnings("deprecation")
        List<Object> unwrapped = Capability.require(cap, List.of("doc", Capability.ANY, Capability.ANY));
        assertThat(unwrapped).containsExactly("doc", 7L, null);
    }

    @Test
    void cap07_cap15_validityFollowsTheEpochAndNarrowingSnapshotsTheCurrentOne() {
        AtomicLong invalidations = new AtomicLong();
        Capability cap = Capability.restore(List.of("doc"), List.of(), "mac",
                new CountingEpoch(invalidations, 0), false);
        assertThat(cap.isValid()).isTrue();
        invalidations.incrementAndGet();
        assertThat(cap.isValid()).isFalse();
        Capability narrowed = cap.narrow(List.of(1));
        assertThat(narrowed.isValid()).as("CAP-07: a narrowed copy is locally valid").isTrue();
        assertThat(narrowed.mac()).isEqualTo("mac");
        assertThat(narrowed.baseScope()).containsExactly("doc");
        assertThat(narrowed.narrowing()).containsExactly(1L);
        assertThat(new Capability(List.of("x")).isValid()).as("outside a call: no epoch").isTrue();
    }

    @Test
    void cap17_dictUpdatesMergeAndOtherValuesReplace() {
        Capability cap = new Capability(List.of("doc"));
        List<Object> seen = new ArrayList<>();
        cap.setUpdateHandler(seen::add);
        cap.sendUpdate(Map.of("a", 1));
        cap.sendUpdate(Map.of("b", 2));
        assertThat(seen).containsExactly(Map.of("a", 1), Map.of("b", 2));
        assertThat(cap.takeUpdate()).isEqualTo(Map.of("a", 1, "b", 2));
        assertThat(cap.takeUpdate()).as("taking clears").isNull();
        cap.sendUpdate(Map.of("a", 1));
        cap.sendUpdate("replaced");
        assertThat(cap.takeUpdate()).isEqualTo("replaced");
        cap.sendUpdate(List.of(1));
        assertThatThrownBy(() -> cap.sendUpdate(Map.of("k", "v")))
                .as("a map cannot merge into a queued non-map, as Python's dict.update fails on a list")
                .isInstanceOf(AttributeError.class).hasMessage("'list' object has no attribute 'update'");
        assertThat(seen).as("the handler ran first").endsWith(Map.of("k", "v"));
        assertThat(cap.takeUpdate()).as("what was queued stays").isEqualTo(List.of(1));
    }

    @Test
    void cap18_nothingOrEmptyMapsAccumulatedMeansNoUpdate() {
        Capability cap = new Capability(List.of("doc"));
        assertThat(cap.takeUpdate()).isNull();
        cap.sendUpdate(Map.of());
        assertThat(cap.takeUpdate()).isNull();
        cap.sendUpdate(null);
        assertThat(cap.takeUpdate()).isNull();
    }

    @Test
    void cap17_withGetUpdateNothingAccumulatesAndItsResultIsSentEvenIfEmpty() {
        Capability cap = new Capability(List.of("doc"));
        AtomicInteger applied = new AtomicInteger();
        Map<String, Object> state = new LinkedHashMap<>();
        cap.setUpdateHandler(u -> applied.incrementAndGet(), () -> state);
        cap.sendUpdate(Map.of("a", 1));
        assertThat(applied).hasValue(1);
        assertThat(cap.takeUpdate()).as("getUpdate's result, even an empty map").isEqualTo(Map.of());
        state.put("total", 3);
        assertThat(cap.takeUpdate()).isEqualTo(Map.of("total", 3));
        cap.applyUpdate("from a callee");
        assertThat(applied).hasValue(2);
    }

    @Test
    void cap19_clientSideCapabilitiesOnlyCallTheirHandlerAndIgnoreGetUpdate() {
        Capability cap = Capability.restore(List.of("doc"), List.of(), "mac", null, true);
        List<Object> seen = new ArrayList<>();
        AtomicInteger asked = new AtomicInteger();
        cap.setUpdateHandler(seen::add, () -> {
            asked.incrementAndGet();
            return "never";
        });
        cap.sendUpdate(Map.of("a", 1));
        cap.sendUpdate(Map.of("b", 2));
        assertThat(seen).containsExactly(Map.of("a", 1), Map.of("b", 2));
        assertThat(cap.takeUpdate()).isNull();
        assertThat(asked).hasValue(0);
        assertThat(cap.narrow(List.of("x")).takeUpdate()).isNull();
    }

    @Test
    void cap05_narrowRefusesNullAndNonJsonSuffixes() {
        Capability cap = new Capability(List.of("doc"));
        assertThatThrownBy(() -> cap.narrow(null)).isInstanceOf(TypeError.class);
        assertThatThrownBy(() -> cap.narrow(List.of(new Object()))).isInstanceOf(TypeError.class);
        assertThat(cap.scope()).containsExactly("doc");
    }
}
