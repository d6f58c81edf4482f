package dev.anvilcheck.tck.internal;

import dev.anvilcheck.server.AnvilError;
import java.lang.reflect.Array;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * Renders observed values and exceptions for failure messages: strings quoted, other scalars with
 * their Java type, collections element by element, all bounded in length.
 */
public final class Describe {
    private static final int MAX = 400;
    private static final int MAX_ITEMS = 12;

    private Describe() {}

    /**
     * A value, e.g. {@code 42 (Long)}, {@code "x"}, {@code [1 (Long), "a"] (ArrayList)}.
     *
     * @param value the value
     * @return the description
     */
    public static String value(Object value) {
        String rendered = render(value, 0);
        if (value instanceof Collection<?> || value instanceof Map<?, ?>) {
            rendered = rendered + " (" + collectionType(value) + ")";
        }
        return clip(rendered);
    }

    /**
     * An exception as an outcome, e.g.
     * {@code raised AnvilWrappedError [wire type 'ValueError']: "bad"}.
     *
     * @param error the exception
     * @return the description
     */
    public static String raised(Throwable error) {
        StringBuilder out = new StringBuilder("raised ").append(typeName(error));
        if (error instanceof AnvilError anvil) {
            out.append(" [wire type ").append(anvil.wireType() == null ? "none" : "'" + anvil.wireType() + "'")
                    .append(']');
        }
        if (error.getMessage() != null) {
            out.append(": \"").append(error.getMessage()).append('"');
        }
        return clip(out.toString());
    }

    /**
     * A return value as an outcome, e.g. {@code returned 42 (Long)}.
     *
     * @param value the value
     * @return the description
     */
    public static String returned(Object value) {
        return "returned " + value(value);
    }

    /**
     * An exception's class name: the simple name, qualified by the enclosing class for nested ones.
     *
     * @param error the exception
     * @return the name
     */
    public static String typeName(Throwable error) {
        return typeName(error.getClass());
    }

    /**
     * A class name for messages: simple, with the enclosing class for nested classes.
     *
     * @param type the class
     * @return the name
     */
    public static String typeName(Class<?> type) {
        Class<?> enclosing = type.getEnclosingClass();
        return enclosing == null ? type.getSimpleName() : enclosing.getSimpleName() + "." + type.getSimpleName();
    }

    /** The class name of a collection, or its interface for JDK-internal classes such as List12. */
    private static String collectionType(Object value) {
        Class<?> type = value.getClass();
        if (java.lang.reflect.Modifier.isPublic(type.getModifiers()) && !type.isAnonymousClass()) {
            return type.getSimpleName();
        }
        if (value instanceof java.util.List<?>) {
            return "List";
        }
        if (value instanceof java.util.Set<?>) {
            return "Set";
        }
        return value instanceof Map<?, ?> ? "Map" : "Collection";
    }

    private static String render(Object value, int depth) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return "\"" + (s.length() > 80 ? s.substring(0, 77) + "..." : s) + "\"";
        }
        if (value instanceof Boolean) {
            return value.toString();
        }
        if (depth > 3) {
            return "...";
        }
        if (value instanceof Collection<?> c) {
            StringBuilder out = new StringBuilder("[");
            Iterator<?> it = c.iterator();
            for (int i = 0; it.hasNext(); i++) {
                Object item = it.next();
                if (i == MAX_ITEMS) {
                    out.append(", ...");
                    break;
                }
                out.append(i == 0 ? "" : ", ").append(item == c ? "<this list>" : render(item, depth + 1));
            }
            return out.append(']').toString();
        }
        if (value instanceof Map<?, ?> m) {
            StringBuilder out = new StringBuilder("{");
            int i = 0;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (i == MAX_ITEMS) {
                    out.append(", ...");
                    break;
                }
                out.append(i++ == 0 ? "" : ", ").append(render(e.getKey(), depth + 1)).append(": ")
                        .append(e.getValue() == m ? "<this map>" : render(e.getValue(), depth + 1));
            }
            return out.append('}').toString();
        }
        if (value.getClass().isArray()) {
            StringBuilder out = new StringBuilder(value.getClass().getComponentType().getSimpleName()).append("[]{");
            int length = Array.getLength(value);
            for (int i = 0; i < length && i < MAX_ITEMS; i++) {
                out.append(i == 0 ? "" : ", ").append(render(Array.get(value, i), depth + 1));
            }
            return out.append(length > MAX_ITEMS ? ", ...}" : "}").toString();
        }
        String text;
        try {
            text = String.valueOf(value);
        } catch (RuntimeException e) {
            text = "<toString() threw " + e.getClass().getSimpleName() + ">";
        }
        if (text.length() > 120) {
            text = text.substring(0, 117) + "...";
        }
        return text + " (" + typeName(value.getClass()) + ")";
    }

    private static String clip(String text) {
        return text.length() <= MAX ? text : text.substring(0, MAX - 3) + "...";
    }
}
