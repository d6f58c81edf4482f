package dev.anvilcheck.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.anvilcheck.server.SerializationError;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON text, with the codec's one Jackson factory, into the plain tree every later stage of
 * the {@link Decoder} works on (Uplink protocol §4.1): objects become insertion-ordered mutable
 * maps, arrays mutable lists, integers {@code Long} (or {@code BigInteger} beyond 64 bits), other
 * numbers {@code Double}, and {@code true}, {@code false} and {@code null} themselves; it also
 * reads the typed fields those stages need out of such a tree. Stateless.
 */
final class JsonTree {
    private JsonTree() {}

    /** A text frame, which must be exactly one JSON object. */
    static Map<String, Object> readObject(String text) throws IOException {
        try (JsonParser p = JsonText.FACTORY.createParser(text)) {
            return readObject(p);
        }
    }

    /** A text frame given as UTF-8 bytes, which must be exactly one JSON object. */
    static Map<String, Object> readObject(byte[] utf8, int offset, int length) throws IOException {
        try (JsonParser p = JsonText.FACTORY.createParser(utf8, offset, length)) {
            return readObject(p);
        }
    }

    /** One JSON document of any kind, read as plain values are (§4.1); for {@link WireCodec#readJson}. */
    static Object readDocument(byte[] utf8) {
        try (JsonParser p = JsonText.FACTORY.createParser(utf8)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new IllegalArgumentException("no JSON value");
            }
            Object value = read(p, t);
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("trailing content after the JSON value");
            }
            return value;
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The string a message field holds; a {@link SerializationError} if it holds none. */
    static String requireString(Map<String, Object> json, String key) {
        if (json.get(key) instanceof String s) {
            return s;
        }
        throw new SerializationError("The message needs a string '" + key + "'");
    }

    /** A map of the tree, whose keys are strings as every JSON object's are. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> stringMap(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    private static Map<String, Object> readObject(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t != JsonToken.START_OBJECT) {
            throw new IOException("expected an object, found " + t);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> out = (Map<String, Object>) read(p, t);
        if (p.nextToken() != null) {
            throw new IOException("trailing content after the object");
        }
        return out;
    }

    private static Object read(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                String name;
                while ((name = p.nextFieldName()) != null) {
                    map.put(name, read(p, p.nextToken()));
                }
                return map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                JsonToken next;
                while ((next = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (next == null) {
                        throw new IOException("unexpected end of input");
                    }
                    list.add(read(p, next));
                }
                return list;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT -> {
                if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    BigInteger big = p.getBigIntegerValue();
                    return big.bitLength() < 64 ? (Object) big.longValue() : big;
                }
                return p.getLongValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                return p.getDoubleValue();
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new IOException("unexpected " + t);
        }
    }
}
