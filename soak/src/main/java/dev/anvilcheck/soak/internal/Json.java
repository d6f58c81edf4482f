package dev.anvilcheck.soak.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The generator's own JSON writer: maps, lists, strings, numbers, booleans and {@code null} as
 * JSON, and {@link Raw} tokens verbatim, so that a generated message can hold what no JSON library
 * writes ({@code NaN}, {@code 1e999}, a 400-digit integer, a lone surrogate escape). Stateless.
 *
 * @since 0.1
 */
public final class Json {
    private Json() {}

    /**
     * A token written as it is, unquoted and unchecked.
     *
     * @param text the token
     * @since 0.1
     */
    public record Raw(String text) {}

    /**
     * The JSON text of {@code value} as UTF-8 bytes.
     *
     * @param value a tree of maps, lists, strings, numbers, booleans, {@code null} and {@link Raw}
     * @return its text
     * @since 0.1
     */
    public static byte[] bytes(Object value) {
        return text(value).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The JSON text of {@code value}.
     *
     * @param value as {@link #bytes(Object)}
     * @return its text
     * @since 0.1
     */
    public static String text(Object value) {
        StringBuilder out = new StringBuilder(128);
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Raw raw) {
            out.append(raw.text());
        } else if (value instanceof String s) {
            quote(s, out);
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                quote(String.valueOf(e.getKey()), out);
                out.append(':');
                write(e.getValue(), out);
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(list.get(i), out);
            }
            out.append(']');
        } else {
            quote(String.valueOf(value), out);
        }
    }

    private static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
