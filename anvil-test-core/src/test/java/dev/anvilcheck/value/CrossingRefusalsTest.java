package dev.anvilcheck.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anvilcheck.server.Kwargs;
import dev.anvilcheck.server.SerializationError;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CrossingRefusalsTest {
    private static final ZoneId UTC = ZoneId.of("UTC");

    record Point(int x, int y) {}

    enum Op {
        PLUS {
            @Override
            int apply(int a, int b) {
                return a + b;
            }
        };

        abstract int apply(int a, int b);
    }

    static final class Plain {}

    static Stream<Arguments> refusedValues() {
        return Stream.of(
                Arguments.of(new HashSet<>(List.of(1)), "java.util.HashSet"),
                Arguments.of(Set.of(), Set.of().getClass().getName()),
                Arguments.of(new ArrayDeque<>(List.of(1)), "java.util.ArrayDeque"),
                Arguments.of(new HashMap<>(Map.of("k", 1)).values(), "java.util.HashMap$Values"),
                Arguments.of(new byte[] {1, 2}, "byte[]"),
                Arguments.of(new int[] {1}, "int[]"),
                Arguments.of(new double[0], "double[]"),
                Arguments.of(new char[] {'a'}, "char[]"),
                Arguments.of(new BigDecimal("1.5"), "java.math.BigDecimal"),
                Arguments.of('c', "java.lang.Character"),
                Arguments.of(new AtomicInteger(1), "java.util.concurrent.atomic.AtomicInteger"),
                Arguments.of(new AtomicLong(1), "java.util.concurrent.atomic.AtomicLong"),
                Arguments.of(LocalTime.NOON, "java.time.LocalTime"),
                Arguments.of(Duration.ofSeconds(1), "java.time.Duration"),
                Arguments.of(Period.ofDays(1), "java.time.Period"),
                Arguments.of(DayOfWeek.MONDAY, "java.time.DayOfWeek"),
                Arguments.of(Op.PLUS, "dev.anvilcheck.value.CrossingRefusalsTest$Op"),
                Arguments.of(new Point(1, 2), "dev.anvilcheck.value.CrossingRefusalsTest$Point"),
                Arguments.of(new Plain(), "dev.anvilcheck.value.CrossingRefusalsTest$Plain"),
                Arguments.of(new Object(), "java.lang.Object"),
                Arguments.of(Optional.of(1), "java.util.Optional"),
                Arguments.of(new StringBuilder("s"), "java.lang.StringBuilder"),
                Arguments.of(Kwargs.kw("a", 1), "dev.anvilcheck.server.Kwargs"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("refusedValues")
    @DisplayName("[SER-04] values of no accepted kind are refused, naming their class and path")
    void ser04_unsupportedValuesAreRefusedWithTypeAndPath(Object value, String typeName) {
        Map<String, Object> holder = new HashMap<>();
        holder.put("v", value);
        Object input = Arrays.asList("ok", holder);

        assertThatThrownBy(() -> Crossing.from(UTC).copy(input, ValuePath.root().key("response")))
                .isExactlyInstanceOf(SerializationError.class)
                .hasMessage("Cannot serialize " + typeName + " object at msg['response'][1]['v']");
    }

    @Test
    @DisplayName("[SER-03] an array of primitive arrays is a tuple whose primitive arrays are refused")
    void ser03_arrayOfPrimitiveArraysIsATupleOfRefusedValues() {
        boolean[][] value = {{true}};

        assertThatThrownBy(() -> Crossing.from(UTC).copy(value, ValuePath.root()))
                .isExactlyInstanceOf(SerializationError.class)
                .hasMessage("Cannot serialize boolean[] object at msg[0]");
    }

    @Test
    @DisplayName("[SER-04] an Instant is refused with a hint to send an OffsetDateTime")
    void ser04_instantIsRefusedWithAHint() {
        assertThatThrownBy(() -> Crossing.from(UTC).copy(List.of(Instant.EPOCH), ValuePath.root()))
                .isExactlyInstanceOf(SerializationError.class)
                .hasMessage("Cannot serialize java.time.Instant object at msg[0] (send an OffsetDateTime)");
    }

    @Test
    @DisplayName("[SER-04] a refused value at the root is named by the root path")
    void ser04_refusedRootValueIsNamedByTheRoot() {
        assertThatThrownBy(() -> Crossing.from(UTC).copy(new HashSet<>(), ValuePath.root()))
                .isExactlyInstanceOf(SerializationError.class)
                .hasMessage("Cannot serialize java.util.HashSet object at msg");
    }

    @Test
    @DisplayName("[SER-14] the first refused value in iteration order is the one reported")
    void ser14_firstRefusedValueInOrderIsReported() {
        Object input = List.of(List.of(1, 2), List.of(3, new HashSet<>()), new BigDecimal(1));

        assertThatThrownBy(() -> Crossing.from(UTC).copy(input, ValuePath.root()))
                .hasMessage("Cannot serialize java.util.HashSet object at msg[1][1]");
    }

    @Test
    @DisplayName("[SER-04] a refused copy leaves the input untouched")
    void ser04_refusedCopyLeavesInputUntouched() {
        List<Object> input = new java.util.ArrayList<>(List.of(1, "a"));
        input.add(new HashSet<>());

        assertThatThrownBy(() -> Crossing.from(UTC).copy(input, ValuePath.root()))
                .isInstanceOf(SerializationError.class);
        assertThat(input).hasSize(3).startsWith(1, "a");
    }
}
