package dev.anvilcheck.interop.probe;

import dev.anvilcheck.media.Media;
import dev.anvilcheck.python.PythonError;
import dev.anvilcheck.server.AnvilError;
import dev.anvilcheck.server.AnvilWrappedError;
import dev.anvilcheck.server.Capability;
import dev.anvilcheck.server.PortableClass;
import dev.anvilcheck.server.Task;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The typed description of a value that both sides of the interop harness write alike, so that an
 * outcome can be compared as JSON: {@code {"t": "int", "v": "12"}}, {@code {"t": "float", "bits":
 * "3ff8000000000000"}} (or {@code "v": "nan"}, {@code "inf"}, {@code "-inf"}), {@code {"t": "str"}},
 * {@code "list"}, {@code "dict"}, {@code {"t": "date", "v": "2024-02-29"}}, {@code {"t": "datetime",
 * "v": "2024-02-29T13:45:06.123456", "offset": "+05:30"}} (offset {@code null} for a naive one),
 * Media as content type, name, length and SHA-256, a Capability as its scope, a portable object as
 * its registered name and fields, an error as its class's simple name, its wire type and its
 * message (the wire type only for a plain {@code AnvilWrappedError}, where the class does not say
 * it, except on the server side, where it is always given). The Python scenario script
 * ({@code interop/python/interop_scenarios.py}, function {@code tv}) writes the same shapes for
 * Python values. The result holds only maps, lists, strings, booleans, longs and {@code null}, so
 * that it crosses the wire unchanged; with {@code javaTypes} each entry also names the Java class
 * the value had, which is how the probe module tells the harness what serve mode received.
 *
 * @since 0.1
 */
public final class Describe {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");

    private Describe() {}

    /**
     * The typed description of {@code value}.
     *
     * @param value any value of the value model, or an exception
     * @param javaTypes whether each entry also names the value's Java class (key {@code java})
     * @return the description: maps, lists, strings, booleans, longs and {@code null} only
     */
    public static Map<String, Object> value(Object value, boolean javaTypes) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (value == null) {
            out.put("t", "none");
            return out;
        }
        if (value instanceof Boolean b) {
            out.put("t", "bool");
            out.put("v", b);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte || value instanceof BigInteger) {
            out.put("t", "int");
            out.put("v", value.toString());
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            out.put("t", "float");
            if (Double.isNaN(d)) {
                out.put("v", "nan");
            } else if (Double.isInfinite(d)) {
                out.put("v", d > 0 ? "inf" : "-inf");
            } else {
                out.put("bits", String.format("%016x", Double.doubleToRawLongBits(d)));
            }
        } else if (value instanceof CharSequence s) {
            out.put("t", "str");
            out.put("v", s.toString());
        } else if (value instanceof List<?> list) {
            out.put("t", "list");
            List<Object> items = new ArrayList<>();
            for (Object item : list) {
                items.add(value(item, javaTypes));
            }
            out.put("v", items);
        } else if (value instanceof Map<?, ?> map) {
            out.put("t", "dict");
            Map<String, Object> entries = new TreeMap<>();
            map.forEach((k, v) -> entries.put(String.valueOf(k), value(v, javaTypes)));
            out.put("v", entries);
        } else if (value instanceof OffsetDateTime t) {
            out.put("t", "datetime");
            out.put("v", LOCAL.format(t.toLocalDateTime()));
            out.put("offset", offset(t.getOffset()));
        } else if (value instanceof ZonedDateTime t) {
            out.put("t", "datetime");
            out.put("v", LOCAL.format(t.toLocalDateTime()));
            out.put("offset", offset(t.getOffset()));
        } else if (value instanceof LocalDateTime t) {
            out.put("t", "datetime");
            out.put("v", LOCAL.format(t));
            out.put("offset", null);
        } else if (value instanceof LocalDate d) {
            out.put("t", "date");
            out.put("v", d.toString());
        } else if (value instanceof Media m) {
            byte[] bytes = m.getBytes();
            out.put("t", "media");
            out.put("content_type", m.contentType());
            out.put("name", m.name());
            out.put("length", (long) bytes.length);
            out.put("sha256", sha256(bytes));
        } else if (value instanceof Capability c) {
            out.put("t", "capability");
            out.put("scope", value(c.scope(), javaTypes));
        } else if (value instanceof Task) {
            out.put("t", "task");
        } else if (value instanceof Throwable e) {
            out.put("t", "error");
            out.put("class", e.getClass().getSimpleName());
            // the wire type where the class does not say it (a plain AnvilWrappedError, ERR-02); on the
            // server side, where both clients' errors arrive, always
            boolean wrapped = e.getClass() == AnvilWrappedError.class;
            out.put("wire_type", e instanceof AnvilError a && (wrapped || javaTypes) ? a.wireType() : null);
            out.put("message", e.getMessage());
            if (javaTypes && e instanceof PythonError p) {
                out.put("python_type", p.pythonType());
            }
        } else if (value.getClass().isAnnotationPresent(PortableClass.class)) {
            out.put("t", "portable");
            String name = value.getClass().getAnnotation(PortableClass.class).value();
            out.put("name", name.isEmpty() ? value.getClass().getName() : name);
            out.put("fields", value(fields(value), javaTypes));
        } else {
            out.put("t", "other");
            out.put("v", value.toString());
        }
        if (javaTypes) {
            out.put("java", value.getClass().getName());
        }
        return out;
    }

    /** The instance fields of a portable object, by name, as its default serialisation sends them. */
    private static Map<String, Object> fields(Object value) {
        Map<String, Object> out = new TreeMap<>();
        for (Class<?> c = value.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || Modifier.isTransient(f.getModifiers())) {
                    continue;
                }
                try {
                    f.setAccessible(true);
                    out.putIfAbsent(f.getName(), f.get(value));
                } catch (ReflectiveOperationException | RuntimeException e) {
                    out.putIfAbsent(f.getName(), "<unreadable: " + e + ">");
                }
            }
        }
        return out;
    }

    /** An offset as Python's {@code isoformat} writes it: {@code +05:30}, never {@code Z}. */
    private static String offset(ZoneOffset offset) {
        int total = offset.getTotalSeconds();
        int abs = Math.abs(total);
        return String.format("%s%02d:%02d", total < 0 ? "-" : "+", abs / 3600, abs % 3600 / 60);
    }

    /**
     * The SHA-256 of {@code bytes}, in lower-case hexadecimal.
     *
     * @param bytes the bytes
     * @return the digest
     */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /**
     * The deterministic content of a test Media: {@code length} bytes, byte {@code i} being
     * {@code (i * 31 + seed) mod 251}, the same as the Python script's {@code pattern(length, seed)},
     * so that both sides make and check the same bytes.
     *
     * @param length how many bytes
     * @param seed varies the content
     * @return the bytes
     */
    public static byte[] pattern(int length, int seed) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = (byte) ((i * 31L + seed) % 251);
        }
        return out;
    }
}
