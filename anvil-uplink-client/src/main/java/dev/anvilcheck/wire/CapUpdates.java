package dev.anvilcheck.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.Capability;
import dev.anvilcheck.server.SerializationError;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Capability updates on the wire (Uplink protocol §4.6; CAP-17, CAP-18): a response carries, in
 * its {@code capUpdates} field, the update of every capability that was passed into the call and
 * has one, keyed by the JSON text of the capability's full scope as Python's {@code json.dumps}
 * writes it; the caller applies each to the capabilities it passed whose scope is the same,
 * comparing keys after reading and re-writing them, so that either side's spacing matches.
 * Updates are plain JSON values.
 *
 * @since 0.1
 */
public final class CapUpdates {
    /** The response field that carries the updates. */
    public static final String FIELD = "capUpdates";
    /** Writes keys as Python does: non-ASCII escaped, in lower-case hex. */
    private static final JsonFactory KEYS = JsonFactory.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE).build();

    private CapUpdates() {}

    /**
     * Takes the pending update of every capability in {@code arguments} (at any depth of its lists
     * and maps), as a function returns (CAP-18): {@link Capability#takeUpdate()}, skipped when
     * {@code null}; of several capabilities with one scope, the last with an update wins.
     *
     * @param arguments the arguments the call received
     * @return the {@code capUpdates} field, empty when no capability has an update
     */
    public static Map<String, Object> take(Arguments arguments) {
        Map<String, Object> updates = new LinkedHashMap<>();
        for (Capability c : capabilities(arguments)) {
            Object update = c.takeUpdate();
            if (update != null) {
                updates.put(key(c.scope()), update);
            }
        }
        return updates;
    }

    /**
     * Applies the updates of a response's {@code capUpdates} field to every capability in
     * {@code arguments} whose full scope has one, in the order they were passed (CAP-18): each
     * capability's {@code applyUpdate} handler runs.
     *
     * @param field the field's value, or {@code null} when the response has none
     * @param arguments the arguments the call was made with
     * @throws SerializationError if the field is not an object, or a key is not the JSON text of a
     *     list
     */
    public static void apply(Object field, Arguments arguments) {
        if (field == null) {
            return;
        }
        if (!(field instanceof Map<?, ?> received)) {
            throw new SerializationError("capUpdates must be an object keyed by capability scope, not " + field);
        }
        if (received.isEmpty()) {
            return;
        }
        Map<String, Object> updates = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : received.entrySet()) {
            Object scope;
            try {
                scope = Decoder.readDocument(String.valueOf(e.getKey()).getBytes(StandardCharsets.UTF_8));
            } catch (IllegalArgumentException ex) {
                scope = null;
            }
            if (!(scope instanceof List<?> list)) {
                throw new SerializationError("capUpdates key " + e.getKey() + " is not the JSON text of a capability"
                        + " scope");
            }
            updates.put(key(list), e.getValue());
        }
        for (Capability c : capabilities(arguments)) {
            String key = key(c.scope());
            if (updates.containsKey(key)) {
                c.applyUpdate(updates.get(key));
            }
        }
    }

    /**
     * The JSON text of a scope as Python's {@code json.dumps} writes it: ", " and ": " separators,
     * non-ASCII characters as lower-case {@code \\u} escapes.
     */
    static String key(List<?> scope) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = KEYS.createGenerator(out)) {
            g.setPrettyPrinter(PythonSpacing.INSTANCE);
            write(g, scope);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void write(JsonGenerator g, Object v) throws IOException {
        if (v instanceof List<?> list) {
            g.writeStartArray();
            for (Object item : list) {
                write(g, item);
            }
            g.writeEndArray();
        } else if (v instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Double || v instanceof Float) {
            g.writeNumber(((Number) v).doubleValue());
        } else if (v instanceof Number n) {
            g.writeNumber(n.toString());
        } else if (v == null) {
            g.writeNull();
        } else {
            g.writeString(String.valueOf(v));
        }
    }

    /** Every capability inside the arguments, each object once, in the order they were passed. */
    private static List<Capability> capabilities(Arguments arguments) {
        if (flat(arguments.args()) && flat(arguments.kwargs().values())) {
            // the usual call: no capability, list or dict among the arguments, nothing to walk
            return List.of();
        }
        List<Capability> found = new java.util.ArrayList<>();
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Object> stack = new ArrayDeque<>();
        stack.push(arguments.kwargs());
        stack.push(arguments.args());
        while (!stack.isEmpty()) {
            Object v = stack.pop();
            if (v instanceof Capability c) {
                if (seen.add(c)) {
                    found.add(c);
                }
            } else if (v instanceof List<?> list && seen.add(list)) {
                for (int i = list.size() - 1; i >= 0; i--) {
                    push(stack, list.get(i));
                }
            } else if (v instanceof Map<?, ?> map && seen.add(map)) {
                List<Object> values = new java.util.ArrayList<>(map.values());
                for (int i = values.size() - 1; i >= 0; i--) {
                    push(stack, values.get(i));
                }
            }
        }
        return found;
    }

    /** Whether none of {@code values} is a capability or may hold one. */
    private static boolean flat(java.util.Collection<?> values) {
        for (Object v : values) {
            if (v instanceof Capability || v instanceof List<?> || v instanceof Map<?, ?>) {
                return false;
            }
        }
        return true;
    }

    private static void push(ArrayDeque<Object> stack, Object v) {
        if (v != null) {
            stack.push(v);
        }
    }

    /** Python's default separators: a space after each comma and colon, nothing else. */
    private static final class PythonSpacing extends MinimalPrettyPrinter {
        static final PythonSpacing INSTANCE = new PythonSpacing();

        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(": ");
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            g.writeRaw(", ");
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(", ");
        }
    }
}
