package dev.anvilcheck.value;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.anvilcheck.media.Media;
import dev.anvilcheck.server.Capability;
import dev.anvilcheck.server.PortableClasses;
import dev.anvilcheck.server.Task;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * The kinds of value that can cross a call boundary, each with its one canonical Java type: the
 * type a value has after {@link Crossing} copied it (SER-01, spec §4 "Python to Java").
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public enum ValueKind {
    /** Python's {@code None}: {@code null}. */
    NONE,
    /** {@code bool}: {@link Boolean} (SER-06: never converted to an integer). */
    BOOL,
    /** {@code int}: {@link Long}, or {@link BigInteger} for values beyond 64 bits (SER-06). */
    INT,
    /** {@code float}: {@link Double}, NaN and infinities included (SER-05). */
    FLOAT,
    /** {@code str}: {@link String}. */
    STR,
    /** {@code list} or {@code tuple}: {@link List} (SER-03). */
    LIST,
    /** {@code dict} with string keys: {@link Map} (SER-02). */
    DICT,
    /** {@code datetime.date}: {@link LocalDate} (SER-07). */
    DATE,
    /** Aware {@code datetime.datetime}: {@link OffsetDateTime} (SER-08, SER-09). */
    DATETIME,
    /** {@code anvil.Media}: {@link Media} (MEDIA-01). */
    MEDIA,
    /** {@code anvil.server.Capability}: {@link Capability} (CAP-01..20). */
    CAPABILITY,
    /** A background task handle: {@link Task}, a live object that crosses by reference (TASK-17). */
    TASK,
    /** An instance of a portable class: the receiver's class of its registered name (PORT-03, PORT-04). */
    PORTABLE_OBJECT,
    /** A portable class object: {@link Class} (PORT-07). */
    PORTABLE_CLASS;

    /**
     * Classifies a value that has already crossed, i.e. one in canonical form (SER-01). Only the
     * value itself is classified, not the elements of a list or map.
     *
     * Portable classes are those of {@link PortableClasses#global()}.
     *
     * @param canonicalValue the value, possibly {@code null}
     * @return its kind; {@link #NONE} for {@code null}
     * @throws IllegalArgumentException if the value is not in canonical form, e.g. an
     *     {@link Integer}, a {@link BigInteger} that fits in a {@link Long}, a
     *     {@link java.time.LocalDateTime} or a {@link java.util.Set}
     */
    public static ValueKind of(Object canonicalValue) {
        return of(canonicalValue, PortableClasses.global());
    }

    /**
     * Classifies a value that has already crossed to a side whose portable classes are
     * {@code classes} (SER-01, PORT-03, PORT-07).
     *
     * @param canonicalValue the value, possibly {@code null}
     * @param classes the portable classes of the side the value crossed to
     * @return its kind; {@link #NONE} for {@code null}
     * @throws IllegalArgumentException if the value is not in canonical form
     */
    public static ValueKind of(Object canonicalValue, PortableClasses classes) {
        Object v = canonicalValue;
        if (v == null) {
            return NONE;
        }
        if (v instanceof String) {
            return STR;
        }
        if (v instanceof Long) {
            return INT;
        }
        if (v instanceof Boolean) {
            return BOOL;
        }
        if (v instanceof Double) {
            return FLOAT;
        }
        if (v instanceof List) {
            return LIST;
        }
        if (v instanceof Map) {
            return DICT;
        }
        if (v instanceof BigInteger big && big.bitLength() >= 64) {
            return INT;
        }
        if (v instanceof OffsetDateTime) {
            return DATETIME;
        }
        if (v instanceof LocalDate) {
            return DATE;
        }
        if (v instanceof Media) {
            return MEDIA;
        }
        if (v instanceof Capability) {
            return CAPABILITY;
        }
        if (v instanceof Task) {
            return TASK;
        }
        if (v instanceof Class<?> type && classes.nameOf(type) != null) {
            return PORTABLE_CLASS;
        }
        if (!(v instanceof Class<?>) && !(v instanceof BigInteger) && classes.nameOf(v.getClass()) != null) {
            return PORTABLE_OBJECT;
        }
        throw new IllegalArgumentException("Not a value that has crossed a call boundary: a "
                + v.getClass().getName() + (v instanceof BigInteger ? " that fits in a Long" : "")
                + "; copy it with Crossing first");
    }
}
