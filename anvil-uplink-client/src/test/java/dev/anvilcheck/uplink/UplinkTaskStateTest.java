package dev.anvilcheck.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An uplink task's {@code task_state} is a dict to the task's code (TASK-05): every operation of a
 * map works on it, emptying it included, and a reply to the server sees the result.
 */
class UplinkTaskStateTest {

    @Test
    void clearEmptiesTheState() {
        UplinkTaskState state = new UplinkTaskState();
        state.put("a", 1L);
        state.put("b", 2L);
        state.clear();
        assertThat(state).isEmpty();
        state.put("c", 3L);
        assertThat(state.snapshot()).isEqualTo(Map.of("c", 3L));
    }

    @Test
    void mapOperationsAreSeenBySnapshots() {
        UplinkTaskState state = new UplinkTaskState();
        state.put("a", 1L);
        state.merge("a", 5L, (x, y) -> (Long) x + (Long) y);
        state.computeIfAbsent("b", k -> "new");
        state.remove("b");
        assertThat(state.snapshot()).isEqualTo(Map.of("a", 6L));
    }
}
