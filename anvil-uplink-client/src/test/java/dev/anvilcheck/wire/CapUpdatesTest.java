package dev.anvilcheck.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.Capability;
import dev.anvilcheck.server.SerializationError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CapUpdatesTest {

    @Test
    @DisplayName("CAP-18 keys are the scope's JSON text as Python's json.dumps writes it")
    void keysUsePythonSpacing() {
        assertThat(CapUpdates.key(List.of("doc", 42L, Map.of("k", true), 1.5))).isEqualTo(
                "[\"doc\", 42, {\"k\": true}, 1.5]");
        assertThat(CapUpdates.key(List.of("caf\u00e9"))).isEqualTo("[\"caf\\u00e9\"]");
    }

    @Test
    @DisplayName("CAP-17, CAP-18 take() collects pending updates of capabilities at any depth; apply() hands them"
            + " to the capabilities of the same scope, whatever the key's spacing")
    void takeAndApply() {
        Capability inner = new Capability(List.of("doc", 42L));
        inner.sendUpdate(Map.of("a", 1L));
        inner.sendUpdate(Map.of("b", 2L));
        Capability quiet = new Capability(List.of("other"));
        Map<String, Object> field = CapUpdates.take(new Arguments(List.of(List.of(Map.of("x", inner))),
                Map.of("q", quiet)));
        assertThat(field).containsExactly(Map.entry("[\"doc\", 42]", Map.of("a", 1L, "b", 2L)));
        assertThat(CapUpdates.take(new Arguments(List.of(inner), Map.of()))).as("taken once").isEmpty();

        Capability callerCopy = new Capability(List.of("doc", 42L));
        List<Object> seen = new ArrayList<>();
        callerCopy.setUpdateHandler(seen::add);
        CapUpdates.apply(Map.of("[\"doc\",42]", Map.of("a", 1L), "[\"elsewhere\"]", "x"),
                new Arguments(List.of(callerCopy, quiet), Map.of()));
        assertThat(seen).containsExactly(Map.of("a", 1L));
        CapUpdates.apply(null, new Arguments(List.of(callerCopy), Map.of()));
        assertThat(seen).hasSize(1);
    }

    @Test
    @DisplayName("CAP-18 a capUpdates field that is not an object, or a key that is not a scope, is refused by name")
    void malformedFieldsAreRefusedNamingTheProblem() {
        Arguments none = new Arguments(List.of(), Map.of());
        assertThatThrownBy(() -> CapUpdates.apply(List.of(), none)).isInstanceOf(SerializationError.class)
                .hasMessageStartingWith("capUpdates must be an object");
        assertThatThrownBy(() -> CapUpdates.apply(Map.of("{not json", 1L), none))
                .isInstanceOf(SerializationError.class).hasMessageContaining("{not json");
    }
}
