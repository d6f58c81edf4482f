package dev.anvilcheck.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anvilcheck.server.SerializationError;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CrossingCyclesAndDepthTest {
    private static final ZoneId UTC = ZoneId.of("UTC");

    /** A list nested {@code depth} levels deep, innermost holding {@code leaf}: [[[…[leaf]…]]]. */
    private static List<Object> nested(int depth, Object leaf) {
        List<Object> current = new ArrayList<>();
        current.add(leaf);
        for (int i = 1; i < depth; i++) {
            List<Object> outer = new ArrayList<>();
            outer.add(current);
            current = outer;
        }
        return current;
    }

    private static String zeros(int count) {
        return "[0]".repeat(count);
    }

    @Test
    @DisplayName("[SER-11] a list that contains itself is refused where the cycle closes")
    void ser11_selfContainingListIsRefusedWhereTheCycleCloses() {
        List<Object> list = new ArrayList<>();
        list.add("first");
        list.add(list);

        assertThatThrownBy(() -> Crossing.from(UTC).returnValue(list))
                .isExactlyInstanceOf(SerializationError.class)
                .hasMessage("Cannot serialize return value from function. "
                        + "Cannot serialize a circular reference at msg['response'][1]");
    }

    @Test
    @DisplayName("[SER-11] a map that contains itself is refused where the cycle closes")
    void ser11_selfContainingMapIsRefusedWhereTheCycleCloses() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("a", 1);
        map.put("self", map);

        assertThatThrownBy(() -> Crossing.from(UTC).copy(List.of("x", map), ValuePath.root()))
                .isExactlyInstanceOf(SerializationError.class)
                .hasMessage("Cannot serialize a circular reference at msg[1]['self']");
    }

    @Test
    @DisplayName("[SER-11] a cycle through lists, maps and tuples is refused where it closes")
    void ser11_cycleThroughMixedContainersIsRefused() {
        List<Object> list = new ArrayList<>();
        Map<String, Object> map = new LinkedHashMap<>();
        Object[] tuple = new Object[2];
        list.add(map);
        map.put("t", tuple);
        tuple[0] = "x";
        tuple[1] = list;

        assertThatThrownBy(() -> Crossing.from(UTC).copy(Map.of("root", list), ValuePath.root()))
                .hasMessage("Cannot serialize a circular reference at msg['root'][0]['t'][1]");
    }

    @Test
    @DisplayName("[SER-11] a tuple that contains itself is refused")
    void ser11_selfContainingTupleIsRefused() {
        Object[] tuple = new Object[1];
        tuple[0] = tuple;

        assertThatThrownBy(() -> Crossing.from(UTC).copy(tuple, ValuePath.root()))
                .hasMessage("Cannot serialize a circular reference at msg[0]");
    }

    @Test
    @DisplayName("[SER-11] a cycle that closes below deep acyclic nesting is named at its exact path")
    void ser11_deepCycleIsNamedAtItsExactPath() {
        List<Object> loop = new ArrayList<>();
        List<Object> middle = nested(30, loop);
        loop.add(middle);
        List<Object> input = nested(1000, middle);

        // middle sits at zeros(1000), loop 30 levels below it, and loop[0] is middle again
        assertThatThrownBy(() -> Crossing.from(UTC).copy(input, ValuePath.root()))
                .hasMessage("Cannot serialize a circular reference at msg" + zeros(1000 + 30 + 1));
    }

    @Test
    @DisplayName("[SER-10] a container shared by siblings is not a cycle, at any depth")
    void ser10_sharedContainerIsNotACycleAtAnyDepth() {
        List<Object> shared = new ArrayList<>(List.of("s"));
        List<Object> pair = new ArrayList<>(List.of(shared, shared));
        List<Object> input = nested(500, pair);

        Object copied = Crossing.from(UTC).copy(input, ValuePath.root());

        Object level = copied;
        for (int i = 0; i < 500; i++) {
            level = ((List<?>) level).get(0);
        }
        List<?> copiedPair = (List<?>) level;
        assertThat(copiedPair.get(0)).isEqualTo(List.of("s")).isNotSameAs(copiedPair.get(1)).isNotSameAs(shared);
    }

    @Test
    @DisplayName("[SER-01] deeply nested acyclic lists and maps (depth 5000) copy completely")
    void ser01_deepAcyclicNestingCopiesCompletely() {
        Object value = LocalDateTime.of(2024, 7, 1, 12, 0);
        for (int i = 0; i < 5000; i++) {
            if (i % 3 == 0) {
                Map<String, Object> map = new LinkedHashMap<>();
                map.put("before", i);
                map.put("next", value);
                value = map;
            } else if (i % 3 == 1) {
                value = new LinkedList<>(List.of(i, value));
            } else {
                value = new Object[] {i, value};
            }
        }

        Object copied = Crossing.from(ZoneId.of("Europe/Paris")).copy(value, ValuePath.root());

        Object level = copied;
        for (int i = 4999; i >= 0; i--) {
            if (i % 3 == 0) {
                assertThat(level).isExactlyInstanceOf(LinkedHashMap.class);
                assertThat(((Map<?, ?>) level).get("before")).isEqualTo((long) i);
                level = ((Map<?, ?>) level).get("next");
            } else {
                assertThat(level).isExactlyInstanceOf(ArrayList.class);
                assertThat(((List<?>) level).get(0)).isEqualTo((long) i);
                level = ((List<?>) level).get(1);
            }
        }
        assertThat(level).isEqualTo(OffsetDateTime.of(2024, 7, 1, 12, 0, 0, 0, ZoneOffset.ofHours(2)));
    }

    @Test
    @DisplayName("[SER-01] nesting depth is not limited by the thread's stack")
    void ser01_deepNestingNeedsNoLargeStack() throws InterruptedException {
        List<Object> input = nested(200_000, "leaf");
        AtomicReference<Object> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread small = new Thread(null, () -> {
            try {
                result.set(Crossing.from(UTC).copy(input, ValuePath.root()));
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "small-stack", 128 * 1024);

        small.start();
        small.join();

        assertThat(failure.get()).isNull();
        Object level = result.get();
        for (int i = 0; i < 199_999; i++) {
            level = ((List<?>) level).get(0);
        }
        assertThat(level).isEqualTo(List.of("leaf"));
    }

    @Test
    @DisplayName("[SER-14] a refused value deep down is named at its full path")
    void ser14_deepRefusalIsNamedAtItsFullPath() {
        List<Object> input = nested(5000, new HashSet<>());

        assertThatThrownBy(() -> Crossing.from(UTC).copy(input, ValuePath.root().key("args")))
                .hasMessage("Cannot serialize java.util.HashSet object at msg['args']" + zeros(5000));
    }

    @Test
    @DisplayName("[SER-02] a non-string key deep down is named at its full path, the key included")
    void ser02_deepNonStringKeyIsNamedAtItsFullPath() {
        Map<Object, Object> bad = new LinkedHashMap<>();
        bad.put("fine", List.of());
        bad.put(7, "seven");
        Map<String, Object> holder = new LinkedHashMap<>();
        holder.put("inner", bad);
        List<Object> input = nested(100, holder);

        assertThatThrownBy(() -> Crossing.from(UTC).copy(input, ValuePath.root()))
                .hasMessage("Cannot serialize dictionaries with keys that aren't strings at msg" + zeros(100) + "['inner'][7]");
    }
}
