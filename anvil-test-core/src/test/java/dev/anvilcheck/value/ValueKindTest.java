package dev.anvilcheck.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anvilcheck.media.BlobMedia;
import dev.anvilcheck.server.Capability;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ValueKindTest {

    static Stream<Arguments> canonicalValues() {
        return Stream.of(
                Arguments.of(null, ValueKind.NONE),
                Arguments.of(true, ValueKind.BOOL),
                Arguments.of(7L, ValueKind.INT),
                Arguments.of(BigInteger.TWO.pow(64), ValueKind.INT),
                Arguments.of(1.5, ValueKind.FLOAT),
                Arguments.of(Double.NaN, ValueKind.FLOAT),
                Arguments.of("s", ValueKind.STR),
                Arguments.of(List.of(1L), ValueKind.LIST),
                Arguments.of(Map.of("k", 1L), ValueKind.DICT),
                Arguments.of(LocalDate.of(2024, 1, 2), ValueKind.DATE),
                Arguments.of(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC), ValueKind.DATETIME),
                Arguments.of(new BlobMedia("text/plain", new byte[] {1}), ValueKind.MEDIA),
                Arguments.of(new Capability(List.of("doc", 1)), ValueKind.CAPABILITY));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @MethodSource("canonicalValues")
    @DisplayName("[SER-01] every canonical value has its kind")
    void ser01_canonicalValuesAreClassified(Object value, ValueKind kind) {
        assertThat(ValueKind.of(value)).isEqualTo(kind);
    }

    static Stream<Object> nonCanonicalValues() {
        return Stream.of(1, (short) 1, (byte) 1, 1.5f, BigInteger.ONE, BigInteger.valueOf(Long.MIN_VALUE),
                LocalDateTime.of(2024, 1, 2, 3, 4), OffsetDateTime.now(ZoneId.of("UTC")).atZoneSameInstant(ZoneId.of("Europe/Paris")),
                Set.of(1), new Object[] {1}, new byte[] {1}, 'c');
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nonCanonicalValues")
    @DisplayName("[SER-01] a value that has not crossed is not classified")
    void ser01_nonCanonicalValuesAreRejected(Object value) {
        assertThatThrownBy(() -> ValueKind.of(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(value.getClass().getName());
    }

    @Test
    @DisplayName("[SER-01] every accepted value has a kind once it has crossed, at every level")
    void ser01_everyCopiedValueHasAKind() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("when", LocalDateTime.of(2024, 7, 1, 12, 0));
        Object value = Arrays.asList(1, (short) 2, (byte) 3, 4.5f, BigInteger.ONE, new Object[] {"t"}, nested,
                new BlobMedia("a/b", new byte[0]), null, Double.POSITIVE_INFINITY);

        Object copied = Crossing.from(ZoneId.of("Europe/Paris")).copy(value, ValuePath.root());

        assertThat(ValueKind.of(copied)).isEqualTo(ValueKind.LIST);
        assertThat((List<?>) copied).extracting(ValueKind::of).containsExactly(ValueKind.INT, ValueKind.INT,
                ValueKind.INT, ValueKind.FLOAT, ValueKind.INT, ValueKind.LIST, ValueKind.DICT, ValueKind.MEDIA,
                ValueKind.NONE, ValueKind.FLOAT);
        assertThat(ValueKind.of(((Map<?, ?>) ((List<?>) copied).get(6)).get("when"))).isEqualTo(ValueKind.DATETIME);
    }
}
