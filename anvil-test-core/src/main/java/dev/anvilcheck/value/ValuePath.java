package dev.anvilcheck.value;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A location inside a message, rooted at {@code msg}: a sequence of dictionary keys and list
 * indexes, rendered in Python index notation as the platform's serialiser does, e.g.
 * {@code msg['args'][1]['when']} (SER-14). Keys render as Python's {@code repr} of a {@code str}
 * (single quotes unless the key contains a single quote and no double quote; backslashes, quotes
 * and unprintable characters escaped). {@link #segments()} gives the same path as the wire's
 * {@code path} lists (Uplink protocol §4.2). Immutable: {@link #key} and {@link #index} return a
 * new path and leave this one unchanged.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ValuePath {
    private static final ValuePath ROOT = new ValuePath(null, null, 0);

    private final ValuePath parent;
    private final Object segment;
    private final int length;

    private ValuePath(ValuePath parent, Object segment, int length) {
        this.parent = parent;
        this.segment = segment;
        this.length = length;
    }

    /**
     * The message root, which renders as {@code msg} and has no segments (SER-14).
     *
     * @return the root path
     */
    public static ValuePath root() {
        return ROOT;
    }

    /**
     * This path followed by the dictionary key {@code k}, e.g. {@code msg['k']} (SER-14).
     *
     * @param k the key
     * @return the longer path
     * @throws NullPointerException if {@code k} is {@code null}
     */
    public ValuePath key(String k) {
        return new ValuePath(this, Objects.requireNonNull(k, "k"), length + 1);
    }

    /**
     * This path followed by the list index {@code i}, e.g. {@code msg[3]} (SER-14).
     *
     * @param i the index, from 0
     * @return the longer path
     * @throws IllegalArgumentException if {@code i} is negative
     */
    public ValuePath index(int i) {
        if (i < 0) {
            throw new IllegalArgumentException("a list index is never negative, got " + i);
        }
        return new ValuePath(this, i, length + 1);
    }

    /**
     * This path followed by a dictionary key that is not a string, written as Python's
     * {@code repr} of it, e.g. {@code msg['args'][0][1]}: where a refused key sits, as the
     * platform names it (SER-02, SER-14).
     *
     * @param key the refused key, e.g. {@code 1L} or {@code null}
     * @return the longer path
     */
    public ValuePath nonStringKey(Object key) {
        return then(new KeyRepr(pythonRepr(key)));
    }

    /** This path followed by an already written key. */
    ValuePath then(KeyRepr key) {
        return new ValuePath(this, key, length + 1);
    }

    /** A non-string key as a path shows it: Python's {@code repr} of the key. */
    record KeyRepr(String repr) {
        @Override
        public String toString() {
            return repr;
        }
    }

    /** Python's {@code repr} of a dictionary key that is not a string. */
    static String pythonRepr(Object key) {
        if (key == null) {
            return "None";
        }
        if (key instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (key instanceof Double || key instanceof Float) {
            double d = ((Number) key).doubleValue();
            if (Double.isNaN(d)) {
                return "nan";
            }
            if (Double.isInfinite(d)) {
                return d > 0 ? "inf" : "-inf";
            }
            return d == Math.rint(d) && Math.abs(d) < 1e16 ? (long) d + ".0" : Double.toString(d);
        }
        return String.valueOf(key);
    }

    /**
     * The segments from the root outwards: a {@link String} for each key and an {@link Integer}
     * for each index, as in the {@code path} lists of the wire's {@code objects} entries (Uplink
     * protocol §4.2); a refused non-string key (SER-02) is the last segment, as its Python
     * {@code repr}. The root itself contributes no segment.
     *
     * @return the segments, immutable
     */
    public List<Object> segments() {
        Object[] out = new Object[length];
        ValuePath p = this;
        for (int i = length - 1; i >= 0; i--) {
            out[i] = p.segment;
            p = p.parent;
        }
        return List.of(out);
    }

    /**
     * The path in the spec's notation: {@code msg} followed by {@code [repr(segment)]} for each
     * segment, e.g. {@code msg['args'][1]['when']} (SER-14).
     *
     * @return the rendered path
     */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(8 + 12 * length).append("msg");
        for (Object s : segments()) {
            out.append('[');
            if (s instanceof String k) {
                appendPythonRepr(out, k);
            } else {
                out.append(s);
            }
            out.append(']');
        }
        return out.toString();
    }

    /**
     * Two paths are equal when their segments are equal.
     *
     * @param other the object to compare with
     * @return whether {@code other} is a path with the same segments
     */
    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof ValuePath o) || o.length != length) {
            return false;
        }
        ValuePath a = this;
        ValuePath b = o;
        while (a != b) {
            if (!a.segment.equals(b.segment)) {
                return false;
            }
            a = a.parent;
            b = b.parent;
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(segments().toArray());
    }

    /** Appends Python's {@code repr()} of a {@code str}. */
    private static void appendPythonRepr(StringBuilder out, String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        out.append(quote);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == quote || cp == '\\') {
                out.append('\\').append((char) cp);
            } else if (cp == '\n') {
                out.append("\\n");
            } else if (cp == '\r') {
                out.append("\\r");
            } else if (cp == '\t') {
                out.append("\\t");
            } else if (isPythonPrintable(cp)) {
                out.appendCodePoint(cp);
            } else if (cp < 0x100) {
                appendHex(out.append("\\x"), cp, 2);
            } else if (cp < 0x10000) {
                appendHex(out.append("\\u"), cp, 4);
            } else {
                appendHex(out.append("\\U"), cp, 8);
            }
        }
        out.append(quote);
    }

    /** Python's {@code str.isprintable()} for one character: not Cc, Cf, Cs, Co, Cn, Zl, Zp, or Zs other than space. */
    private static boolean isPythonPrintable(int cp) {
        if (cp == ' ') {
            return true;
        }
        switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                    Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SPACE_SEPARATOR -> {
                return false;
            }
            default -> {
                return true;
            }
        }
    }

    private static void appendHex(StringBuilder out, int value, int digits) {
        String hex = Integer.toHexString(value);
        for (int i = hex.length(); i < digits; i++) {
            out.append('0');
        }
        out.append(hex);
    }
}
