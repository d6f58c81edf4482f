package dev.anvilcheck.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anvilcheck.server.SerializationError;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CrossingContainersTest {
    private static final ZoneId UTC = ZoneId.of("UTC");

    private static Object cross(Object value) {
        return Crossing.from(UTC).copy(value, ValuePath.root());
    }

    @Test
    @DisplayName("[SER-01] a list arrives as a new mutable ArrayList with every element copied")
    void ser01_listArrivesAsNewArrayList() {
        List<Object> input = List.of(1, "two", 3.0f, List.of((short) 4));

        Object copied = cross(input);

        assertThat(copied).isExactlyInstanceOf(ArrayList.class).isEqualTo(List.of(1L, "two", 3.0, List.of(4L)));
        assertThat(((List<?>) copied).get(3)).isExactlyInstanceOf(ArrayList.class);
    }

    @Test
    @DisplayName("[SER-01] any List implementation, with nulls, arrives as an ArrayList")
    void ser01_anyListImplementationArrivesAsArrayList() {
        LinkedList<Object> linked = new LinkedList<>(Arrays.asList("a", null, 2));

        assertThat(cross(linked)).isExactlyInstanceOf(ArrayList.class).isEqualTo(Arrays.asList("a", null, 2L));
    }

    @Test
    @DisplayName("[SER-03] a tuple (Object[]) arrives as a list, nested tuples too")
    void ser03_tuplesArriveAsLists() {
        Object[] tuple = {1, new String[] {"a", "b"}, new Object[][] {{true}}};

        Object copied = cross(tuple);

        assertThat(copied).isExactlyInstanceOf(ArrayList.class)
                .isEqualTo(List.of(1L, List.of("a", "b"), List.of(List.of(true))));
        assertThat(cross(new Object[0])).isEqualTo(List.of());
    }

    @Test
    @DisplayName("[SER-02] a dict with string keys arrives as a LinkedHashMap in the same order")
    void ser02_dictArrivesAsLinkedHashMapInTheSameOrder() {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("zeta", 1);
        input.put("alpha", null);
        input.put("mid", Map.of("inner", (byte) 2));

        Object copied = cross(input);

        assertThat(copied).isExactlyInstanceOf(LinkedHashMap.class);
        assertThat(new ArrayList<Object>(((Map<?, ?>) copied).keySet())).containsExactly("zeta", "alpha", "mid");
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("zeta", 1L);
        expected.put("alpha", null);
        expected.put("mid", Map.of("inner", 2L));
        assertThat(copied).isEqualTo(expected);
        assertThat(((Map<?, ?>) copied).get("mid")).isExactlyInstanceOf(LinkedHashMap.class);
    }

    @Test
    @DisplayName("[SER-02] a sorted map keeps its iteration order")
    void ser02_sortedMapKeepsItsIterationOrder() {
        TreeMap<String, Object> input = new TreeMap<>(java.util.Comparator.reverseOrder());
        input.put("a", 1);
        input.put("c", 3);
        input.put("b", 2);

        assertThat(new ArrayList<Object>(((Map<?, ?>) cross(input)).keySet())).containsExactly("c", "b", "a");
    }

    @Test
    @DisplayName("[SER-02] a dict with a non-string key is refused at the key, as Python writes it")
    void ser02_nonStringKeyIsRefusedAtTheKeysPath() {
        Map<Object, Object> bad = new LinkedHashMap<>();
        bad.put("ok", 1);
        bad.put(2, "two");

        assertThatThrownBy(() -> Crossing.from(UTC).returnValue(List.of("x", bad)))
                .isExactlyInstanceOf(SerializationError.class)
                .hasMessage("Cannot serialize return value from function. "
                        + "Cannot serialize dictionaries with keys that aren't strings at msg['response'][1][2]");
    }

    @Test
    @DisplayName("[SER-02] a null key is a non-string key")
    void ser02_nullKeyIsRefused() {
        Map<String, Object> bad = new HashMap<>();
        bad.put(null, 1);

        assertThatThrownBy(() -> cross(Map.of("outer", bad)))
                .isExactlyInstanceOf(SerializationError.class)
                .hasMessage("Cannot serialize dictionaries with keys that aren't strings at msg['outer'][None]");
    }

    @Test
    @DisplayName("[SER-10] the same list referenced twice arrives as two independent lists")
    void ser10_aliasedListArrivesAsTwoIndependentCopies() {
        List<Object> shared = new ArrayList<>(List.of("x"));
        Map<String, Object> sharedMap = new HashMap<>(Map.of("k", "v"));
        List<Object> input = List.of(shared, shared, sharedMap, sharedMap);

        @SuppressWarnings("unchecked")
        List<Object> copied = (List<Object>) cross(input);

        assertThat(copied.get(0)).isEqualTo(shared).isNotSameAs(shared).isNotSameAs(copied.get(1));
        assertThat(copied.get(2)).isEqualTo(sharedMap).isNotSameAs(sharedMap).isNotSameAs(copied.get(3));
        @SuppressWarnings("unchecked")
        List<Object> first = (List<Object>) copied.get(0);
        first.add("changed");
        assertThat(copied.get(1)).isEqualTo(List.of("x"));
    }

    @Test
    @DisplayName("[SER-10] changing the copy never changes the original, and vice versa")
    void ser10_copyAndOriginalAreIndependent() {
        List<Object> inner = new ArrayList<>(List.of(1));
        Map<String, Object> original = new LinkedHashMap<>();
        original.put("list", inner);

        @SuppressWarnings("unchecked")
        Map<String, Object> copied = (Map<String, Object>) cross(original);
        @SuppressWarnings("unchecked")
        List<Object> copiedInner = (List<Object>) copied.get("list");
        copiedInner.add(2);
        copied.put("new", true);
        inner.add(3);

        assertThat(original).containsOnlyKeys("list");
        assertThat(inner).containsExactly(1, 3);
        assertThat(copiedInner).containsExactly(1L, 2);
    }

    @Test
    @DisplayName("[SER-10] even empty containers arrive as fresh mutable copies")
    void ser10_emptyContainersAreFreshCopies() {
        List<Object> empty = new ArrayList<>();

        Object copied = cross(empty);

        assertThat(copied).isNotSameAs(empty).isExactlyInstanceOf(ArrayList.class);
        assertThat(cross(Map.of())).isExactlyInstanceOf(LinkedHashMap.class);
    }
}
