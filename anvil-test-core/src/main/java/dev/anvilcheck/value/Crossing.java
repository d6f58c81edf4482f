package dev.anvilcheck.value;

import dev.anvilcheck.media.BlobMedia;
import dev.anvilcheck.media.Media;
import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.Capability;
import dev.anvilcheck.server.SerializationError;
import dev.anvilcheck.server.Task;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * What happens to a value when it crosses a call boundary: the receiver gets a deep copy in
 * canonical form, or the sender gets a {@link SerializationError} naming the failing path
 * (SER-01..15, CALL-03, CALL-20, CALL-21, SESS-04, SESS-05, MEDIA-01). A copy maps
 * <ul>
 *   <li>{@code null}, {@link Boolean}, {@link String} and {@link Double} (NaN and infinities
 *       included, SER-05) to themselves; {@link Float} to {@link Double};</li>
 *   <li>{@link Integer}, {@link Short}, {@link Byte} and {@link Long} to {@link Long}, and
 *       {@link BigInteger} to {@link Long} when it fits in 64 bits, else to itself (SER-06);</li>
 *   <li>every {@link List} and every {@code Object[]} (Python's tuple, SER-03) to a new
 *       {@link ArrayList}, and every {@link Map} whose keys are all strings to a new
 *       {@link LinkedHashMap} in the same iteration order (SER-02); each is a fresh, mutable,
 *       unshared copy, so aliasing is not preserved (SER-10);</li>
 *   <li>{@link LocalDate} to itself (SER-07); {@link OffsetDateTime} and {@link ZonedDateTime} to an
 *       {@link OffsetDateTime} at the same instant, truncated to microseconds, whose offset has
 *       whole minutes (seconds of an offset are dropped, towards zero, at the same instant; the
 *       zone name is lost, SER-08); a naive {@link LocalDateTime} to an {@link OffsetDateTime}
 *       stamped with the sender zone's offset at that local date-time (SER-09; in a DST gap or
 *       overlap, the offset before the transition, as {@link java.time.zone.ZoneRules#getOffset(LocalDateTime)});</li>
 *   <li>{@link Media} to a new {@link BlobMedia} with the same content type, bytes and name
 *       (MEDIA-01); {@link Capability} to a new capability with the same base scope, narrowing
 *       and MAC (CAP-08); a background {@link Task} handle to itself, since it is a live object that
 *       travels by reference (TASK-17).</li>
 * </ul>
 * Everything else is refused (SER-04): sets, queues and other collections, {@code byte[]} and
 * every primitive array, {@link java.math.BigDecimal}, {@link Character}, mutable numbers such as
 * {@link java.util.concurrent.atomic.AtomicLong}, {@link java.time.Instant}, {@link java.time.LocalTime},
 * durations, enums, records, {@link dev.anvilcheck.server.Kwargs} and objects of any other class.
 * A container that contains itself is refused as a circular reference (SER-11). Nesting depth is
 * limited only by memory: below 64 nested containers the copy switches from
 * recursion to an explicit stack that also tracks the containers on the current path, so shallow
 * values pay for no bookkeeping. Methods are thread-safe and never modify their input.
 *
 * @since 0.1
 */
public final class Crossing {
    /** Nesting depth from which a copy walks with an explicit stack and tracks cycles. */
    static final int TRACKING_DEPTH = 64;

    private static final String ARGUMENTS_PREFIX = "Cannot serialize arguments to function. ";
    private static final String RETURN_PREFIX = "Cannot serialize return value from function. ";
    private static final String SESSION_PREFIX = "Tried to store illegal value in a anvil.server.session. ";
    private static final ValuePath ARGS = ValuePath.root().key("args");
    private static final ValuePath KWARGS = ValuePath.root().key("kwargs");
    private static final ValuePath RESPONSE = ValuePath.root().key("response");
    private static final ValuePath SESSION = ValuePath.root().key("session");

    private Crossing() {}

    /**
     * Copies call arguments as the sender in {@code senderZone} sends them: positional arguments
     * stay positional, keyword arguments keep their names and order (CALL-03, SER-15), each value
     * copied by the rules of this class. Fails before anything is sent (CALL-20).
     *
     * @param args the arguments as the caller wrote them
     * @param senderZone the sender's time zone, which stamps naive date-times (SER-09)
     * @return the arguments the callee receives
     * @throws SerializationError if a value cannot cross; its message is
     *     {@code "Cannot serialize arguments to function. "} followed by the problem and its path,
     *     {@code msg['args'][i]…} or {@code msg['kwargs']['name']…}
     * @throws NullPointerException if {@code args} or {@code senderZone} is {@code null}
     */
    public static Arguments arguments(Arguments args, ZoneId senderZone) {
        return arguments(args, senderZone, CapabilityTranslator.COPY);
    }

    /**
     * Copies call arguments as {@link #arguments(Arguments, ZoneId)} does, translating every
     * capability among them with {@code capabilities} (CAP-08, CAP-20).
     *
     * @param args the arguments as the caller wrote them
     * @param senderZone the sender's time zone (SER-09)
     * @param capabilities how capabilities cross; an Anvil error it throws propagates unchanged
     * @return the arguments the callee receives
     * @throws SerializationError if a value cannot cross (CALL-20)
     */
    public static Arguments arguments(Arguments args, ZoneId senderZone, CapabilityTranslator capabilities) {
        Objects.requireNonNull(args, "args");
        Objects.requireNonNull(senderZone, "senderZone");
        Rules rules = new Rules(senderZone, false, Objects.requireNonNull(capabilities, "capabilities"));
        List<Object> positional = args.args();
        Map<String, Object> keywords = args.kwargs();
        Object copiedArgs;
        try {
            copiedArgs = positional.isEmpty() ? List.of() : copyRooted(positional, rules);
        } catch (Refusal r) {
            throw error(ARGUMENTS_PREFIX, r, ARGS);
        }
        Object copiedKwargs;
        try {
            copiedKwargs = keywords.isEmpty() ? Map.of() : copyRooted(keywords, rules);
        } catch (Refusal r) {
            throw error(ARGUMENTS_PREFIX, r, KWARGS);
        }
        @SuppressWarnings("unchecked")
        Arguments copied = new Arguments((List<Object>) copiedArgs, (Map<String, Object>) copiedKwargs);
        return copied;
    }

    /**
     * Copies a function's return value as the callee in {@code senderZone} sends it back
     * (CALL-04, CALL-21).
     *
     * @param value the return value
     * @param senderZone the callee's time zone, which stamps naive date-times (SER-09)
     * @return the value the caller receives
     * @throws SerializationError if the value cannot cross; its message is
     *     {@code "Cannot serialize return value from function. "} followed by the problem and its
     *     path, rooted at {@code msg['response']}
     * @throws NullPointerException if {@code senderZone} is {@code null}
     */
    public static Object returnValue(Object value, ZoneId senderZone) {
        return returnValue(value, senderZone, CapabilityTranslator.COPY);
    }

    /**
     * Copies a return value as {@link #returnValue(Object, ZoneId)} does, translating every
     * capability in it with {@code capabilities} (CAP-08).
     *
     * @param value the return value
     * @param senderZone the callee's time zone (SER-09)
     * @param capabilities how capabilities cross; an Anvil error it throws propagates unchanged
     * @return the value the caller receives
     * @throws SerializationError if the value cannot cross (CALL-21)
     */
    public static Object returnValue(Object value, ZoneId senderZone, CapabilityTranslator capabilities) {
        Objects.requireNonNull(senderZone, "senderZone");
        Rules rules = new Rules(senderZone, false, Objects.requireNonNull(capabilities, "capabilities"));
        try {
            return copyRooted(value, rules);
        } catch (Refusal r) {
            throw error(RETURN_PREFIX, r, RESPONSE);
        }
    }

    /**
     * Copies session data for commit when a server function returns (SESS-04, SESS-05, SESS-07).
     * Session values follow the rules of a return value, except that Media anywhere inside is
     * refused (MEDIA-05).
     *
     * @param data the session's keys and values
     * @param senderZone the zone of the code that stored the values, which stamps naive
     *     date-times (SER-09)
     * @return a new map with copies of the values, in the same order
     * @throws SerializationError if a value cannot be stored; its message starts
     *     {@code "Tried to store illegal value in a anvil.server.session. "} and names the path,
     *     rooted at {@code msg['session']}, e.g. {@code msg['session']['key'][0]}
     * @throws NullPointerException if {@code data} or {@code senderZone} is {@code null}
     */
    public static Map<String, Object> sessionData(Map<String, ?> data, ZoneId senderZone) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(senderZone, "senderZone");
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> copied = (Map<String, Object>) copyRooted(data, new Rules(senderZone, true, CapabilityTranslator.COPY));
            return copied;
        } catch (Refusal r) {
            throw error(SESSION_PREFIX, r, SESSION);
        }
    }

    /**
     * Copies one value by the rules of this class, naming failures by paths below {@code root}
     * (SER-01..11, SER-14). The other methods of this class are this copy plus their message
     * prefix and root.
     *
     * @param value the value to copy
     * @param senderZone the sender's time zone, which stamps naive date-times (SER-09)
     * @param root the path of {@code value} in its message
     * @return the copy
     * @throws SerializationError if the value cannot cross, e.g.
     *     {@code "Cannot serialize java.util.HashSet object at msg['response'][1]"}
     * @throws NullPointerException if {@code senderZone} or {@code root} is {@code null}
     */
    public static Object copy(Object value, ZoneId senderZone, ValuePath root) {
        Objects.requireNonNull(senderZone, "senderZone");
        Objects.requireNonNull(root, "root");
        try {
            return copyRooted(value, new Rules(senderZone, false, CapabilityTranslator.COPY));
        } catch (Refusal r) {
            throw error("", r, root);
        }
    }

    private static SerializationError error(String prefix, Refusal refusal, ValuePath root) {
        return new SerializationError(prefix + refusal.describe(root));
    }

    /** The copy behind every entry point; a cycle found deep down is re-located exactly. */
    private static Object copyRooted(Object value, Rules rules) {
        try {
            return copyValue(value, rules, 0);
        } catch (Refusal r) {
            throw r.isCycle() ? DeepCopy.locate(value, rules, r) : r;
        }
    }

    /** The recursive fast path; {@code depth} counts the containers around {@code value}. */
    private static Object copyValue(Object value, Rules rules, int depth) {
        if (value == null || value instanceof String || value instanceof Long || value instanceof Boolean
                || value instanceof Double) {
            return value;
        }
        if (value instanceof Integer i) {
            return Long.valueOf(i);
        }
        if (value instanceof List<?> list) {
            return depth >= TRACKING_DEPTH ? DeepCopy.copy(list, rules) : copyList(list, rules, depth);
        }
        if (value instanceof Map<?, ?> map) {
            return depth >= TRACKING_DEPTH ? DeepCopy.copy(map, rules) : copyMap(map, rules, depth);
        }
        if (value instanceof Object[] tuple) {
            return depth >= TRACKING_DEPTH ? DeepCopy.copy(tuple, rules) : copyTuple(tuple, rules, depth);
        }
        return copyLeaf(value, rules);
    }

    private static List<Object> copyList(List<?> source, Rules rules, int depth) {
        int size = source.size();
        List<Object> out = new ArrayList<>(size);
        if (source instanceof RandomAccess) {
            for (int i = 0; i < size; i++) {
                out.add(copyElement(source.get(i), i, rules, depth));
            }
        } else {
            int i = 0;
            for (Object item : source) {
                out.add(copyElement(item, i++, rules, depth));
            }
        }
        return out;
    }

    private static List<Object> copyTuple(Object[] source, Rules rules, int depth) {
        List<Object> out = new ArrayList<>(source.length);
        for (int i = 0; i < source.length; i++) {
            out.add(copyElement(source[i], i, rules, depth));
        }
        return out;
    }

    private static Object copyElement(Object item, int index, Rules rules, int depth) {
        try {
            return copyValue(item, rules, depth + 1);
        } catch (Refusal r) {
            throw r.at(index);
        }
    }

    private static Map<String, Object> copyMap(Map<?, ?> source, Rules rules, int depth) {
        Map<String, Object> out = new LinkedHashMap<>(mapCapacity(source.size()));
        for (Map.Entry<?, ?> entry : source.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw Refusal.nonStringKeys();
            }
            Object copied;
            try {
                copied = copyValue(entry.getValue(), rules, depth + 1);
            } catch (Refusal r) {
                throw r.at(key);
            }
            out.put(key, copied);
        }
        return out;
    }

    static int mapCapacity(int size) {
        return size < 3 ? size + 1 : (int) (size / 0.75f) + 1;
    }

    /** Copies a value that is not a container (SER-01, SER-04..09, MEDIA-01, SESS-04). */
    static Object copyLeaf(Object value, Rules rules) {
        if (value == null || value instanceof String || value instanceof Long || value instanceof Boolean
                || value instanceof Double || value instanceof LocalDate) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big) {
            return copyBigInteger(big);
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof OffsetDateTime t) {
            return wireDateTime(t);
        }
        if (value instanceof LocalDateTime t) {
            return wireDateTime(t.atOffset(rules.zone.getRules().getOffset(t)));
        }
        if (value instanceof ZonedDateTime t) {
            return wireDateTime(t.toOffsetDateTime());
        }
        if (value instanceof Media media) {
            if (rules.session) {
                throw Refusal.sessionMedia();
            }
            return new BlobMedia(media.contentType(), media.getBytes(), media.name());
        }
        if (value instanceof Capability c) {
            return rules.capabilities.translate(c);
        }
        if (value instanceof Task task) {
            return task;
        }
        return copyObject(value);
    }

    /** Any size of integer crosses exactly; 64-bit values become {@link Long} (SER-06). */
    private static Object copyBigInteger(BigInteger value) {
        if (value.bitLength() < 64) {
            return value.longValue();
        }
        return value.getClass() == BigInteger.class ? value : new BigInteger(value.toByteArray());
    }

    /**
     * A date-time as the wire carries it: microseconds, and an offset of whole minutes at the
     * same instant (SER-08, Uplink protocol §4.3).
     */
    private static OffsetDateTime wireDateTime(OffsetDateTime t) {
        int offsetSeconds = t.getOffset().getTotalSeconds();
        if (offsetSeconds % 60 != 0) {
            t = t.withOffsetSameInstant(ZoneOffset.ofTotalSeconds(offsetSeconds / 60 * 60));
        }
        return t.getNano() % 1000 == 0 ? t : t.truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * An object of a class that is none of the built-in value kinds. This is where classes that
     * are registered to cross by value (PORT-01..12) are recognised; every other object is
     * refused (SER-04).
     */
    private static Object copyObject(Object value) {
        throw Refusal.unsupported(value);
    }
}
