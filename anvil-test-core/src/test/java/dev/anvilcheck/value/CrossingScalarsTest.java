package dev.anvilcheck.value;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.ZoneId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CrossingScalarsTest {
    private static final ZoneId UTC = ZoneId.of("UTC");

    private static Object cross(Object value) {
        return Crossing.from(UTC).copy(value, ValuePath.root());
    }

    @Test
    @DisplayName("[SER-01] None, bool and str cross unchanged")
    void ser01_noneBoolAndStrCrossUnchanged() {
        assertThat(cross(null)).isNull();
        assertThat(cross(true)).isEqualTo(Boolean.TRUE);
        assertThat(cross(false)).isEqualTo(Boolean.FALSE);
        assertThat(cross("héllo")).isEqualTo("héllo");
        assertThat(cross("")).isEqualTo("");
    }

    @Test
    @DisplayName("[SER-06] bool stays bool and is never converted to int")
    void ser06_boolStaysBool() {
        assertThat(cross(Boolean.TRUE)).isExactlyInstanceOf(Boolean.class);
    }

    @Test
    @DisplayName("[SER-06] every fixed-size Java integer arrives as a Long of the same value")
    void ser06_fixedSizeIntegersArriveAsLong() {
        assertThat(cross(42)).isExactlyInstanceOf(Long.class).isEqualTo(42L);
        assertThat(cross(Integer.MIN_VALUE)).isEqualTo((long) Integer.MIN_VALUE);
        assertThat(cross((short) -7)).isExactlyInstanceOf(Long.class).isEqualTo(-7L);
        assertThat(cross((byte) 127)).isExactlyInstanceOf(Long.class).isEqualTo(127L);
        assertThat(cross(Long.MAX_VALUE)).isExactlyInstanceOf(Long.class).isEqualTo(Long.MAX_VALUE);
        assertThat(cross(Long.MIN_VALUE)).isExactlyInstanceOf(Long.class).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    @DisplayName("[SER-06] a BigInteger that fits in 64 bits arrives as a Long, at both boundaries")
    void ser06_bigIntegerWithin64BitsArrivesAsLong() {
        assertThat(cross(BigInteger.valueOf(Long.MAX_VALUE))).isExactlyInstanceOf(Long.class).isEqualTo(Long.MAX_VALUE);
        assertThat(cross(BigInteger.valueOf(Long.MIN_VALUE))).isExactlyInstanceOf(Long.class).isEqualTo(Long.MIN_VALUE);
        assertThat(cross(BigInteger.ZERO)).isExactlyInstanceOf(Long.class).isEqualTo(0L);
    }

    @Test
    @DisplayName("[SER-06] an integer beyond 64 bits arrives exactly, as a BigInteger")
    void ser06_integersBeyond64BitsArriveExactly() {
        BigInteger justAbove = BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE);
        BigInteger justBelow = BigInteger.valueOf(Long.MIN_VALUE).subtract(BigInteger.ONE);
        BigInteger huge = BigInteger.TEN.pow(100).negate();

        assertThat(cross(justAbove)).isExactlyInstanceOf(BigInteger.class).isEqualTo(justAbove);
        assertThat(cross(justBelow)).isExactlyInstanceOf(BigInteger.class).isEqualTo(justBelow);
        assertThat(cross(huge)).isEqualTo(huge);
    }

    @Test
    @DisplayName("[SER-06] a BigInteger subclass arrives as a plain BigInteger of the same value")
    void ser06_bigIntegerSubclassArrivesAsPlainBigInteger() {
        BigInteger value = new BigInteger("123456789012345678901234567890") {};

        assertThat(cross(value)).isExactlyInstanceOf(BigInteger.class).isEqualTo(value);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(doubles = {0.0, -0.0, 1.5, -1e308, Double.MIN_VALUE, Double.NaN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY})
    @DisplayName("[SER-05] doubles, NaN and infinities included, arrive exactly")
    void ser05_doublesArriveExactly(double value) {
        Object copied = cross(value);

        assertThat(copied).isExactlyInstanceOf(Double.class);
        assertThat(Double.doubleToRawLongBits((Double) copied)).isEqualTo(Double.doubleToRawLongBits(value));
    }

    @Test
    @DisplayName("[SER-05] a float widens to the double of the same value")
    void ser05_floatWidensToDouble() {
        assertThat(cross(0.1f)).isExactlyInstanceOf(Double.class).isEqualTo((double) 0.1f);
        assertThat(cross(Float.NaN)).isEqualTo(Double.NaN);
        assertThat(cross(Float.NEGATIVE_INFINITY)).isEqualTo(Double.NEGATIVE_INFINITY);
    }
}
