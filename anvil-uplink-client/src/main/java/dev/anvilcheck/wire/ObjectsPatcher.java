package dev.anvilcheck.wire;

import static dev.anvilcheck.wire.JsonTree.requireString;
import static dev.anvilcheck.wire.JsonTree.stringMap;

import dev.anvilcheck.server.Capability;
import dev.anvilcheck.server.PortableClasses;
import dev.anvilcheck.server.SerializationError;
import dev.anvilcheck.server.SerializationInfo;
import dev.anvilcheck.value.OpaquePortable;
import dev.anvilcheck.value.OpaquePortableClass;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds the special values of one received message (Uplink protocol §4.2): applies the entries
 * of its {@code objects} list, in order, at the paths they name from the message root, replacing
 * the placeholder there with the value model's canonical value ({@code Long}, {@code Float},
 * {@code Date}, {@code DateTime}, {@code Primitive}, {@code Capability}, {@code LiveObject},
 * {@code LazyMedia}, {@code ValueType}, {@code ClassType}; SER-05..08, CAP-08, TASK-17, MEDIA-04,
 * PORT-03, PORT-07, PORT-09), the inverse of {@link ValueWriter}. A {@code DataMedia} entry is only
 * declared: its slot stays {@code null} and is reported as a {@link DeclaredMedia}, for the
 * {@link MediaAssembler} to fill once the bytes arrive (MEDIA-02). An entry that cannot be applied
 * raises {@link SerializationError} naming its path. Stateless apart from the codec's settings.
 */
final class ObjectsPatcher {
    private final WireCodec codec;

    /**
     * A {@code DataMedia} entry: the Media's id, declared content type and name, and the slot (a
     * map and its key, or a list and its index) its value goes into.
     */
    record DeclaredMedia(String id, String contentType, String name, Object parent, Object key) {
        /** Puts the Media's value, or what stands for it, into its slot. */
        void place(Object value) {
            put(parent, key, value);
        }
    }

    ObjectsPatcher(WireCodec codec) {
        this.codec = codec;
    }

    /**
     * Applies {@code objects} entries in order at their paths from {@code root} (§4.2), leaving
     * {@code null} where each {@code DataMedia} entry points.
     *
     * @return the Media the entries declared, in their order; empty when none
     */
    List<DeclaredMedia> apply(Map<String, Object> root, Object objects) {
        List<DeclaredMedia> media = new ArrayList<>();
        if (objects == null) {
            return media;
        }
        if (!(objects instanceof List<?> entries)) {
            throw new SerializationError("objects must be a list");
        }
        Map<String, Object> knownMethods = null;
        SerializationInfo info = null;
        boolean sharedOpen = false;
        for (Object o : entries) {
            if (!(o instanceof Map<?, ?> raw)) {
                throw new SerializationError("an objects entry must be an object: " + o);
            }
            Map<String, Object> entry = stringMap(raw);
            if (!(entry.get("path") instanceof List<?> path) || path.isEmpty()) {
                continue;
            }
            Object[] slot = slot(root, path);
            Object parent = slot[0];
            Object key = slot[1];
            String type = knownType(entry);
            Object value;
            switch (type) {
                case "DataMedia" -> {
                    String mediaId = requireString(entry, "id");
                    for (DeclaredMedia declared : media) {
                        if (declared.id().equals(mediaId)) {
                            // its chunks could fill only one of the two places, so the message would
                            // never be complete: refuse it instead of holding it for ever
                            throw new SerializationError("Media id '" + mediaId + "' is declared twice in one message"
                                    + " (at " + pathText(path) + ")");
                        }
                    }
                    Object mime = entry.get("mime-type");
                    media.add(new DeclaredMedia(mediaId, mime == null ? "application/octet-stream" : String.valueOf(mime),
                            entry.get("name") instanceof String n ? n : null, parent, key));
                    value = null;
                }
                case "LiveObject" -> {
                    if (knownMethods == null) {
                        knownMethods = new HashMap<>();
                    }
                    Map<String, Object> d = new LinkedHashMap<>(entry);
                    d.remove("type");
                    d.remove("path");
                    String backend = String.valueOf(d.get("backend"));
                    if (d.get("methods") != null) {
                        knownMethods.put(backend, d.get("methods"));
                    } else {
                        d.put("methods", knownMethods.get(backend));
                    }
                    value = codec.liveObjects().resolve(d);
                }
                case "LazyMedia" -> {
                    Map<String, Object> d = new LinkedHashMap<>(entry);
                    d.remove("type");
                    d.remove("path");
                    value = codec.liveObjects().lazyMedia(d);
                }
                case "ValueType", "ClassType" -> {
                    PortableClasses classes = codec.portableClasses();
                    Object name = entry.get("typeName");
                    Class<?> portable = name instanceof String n ? classes.classNamed(n) : null;
                    if (portable == null && name instanceof String n && classes.relaysUnknown()) {
                        put(parent, key, type.equals("ClassType") ? new OpaquePortableClass(n)
                                : new OpaquePortable(n, get(parent, key), root.get("vt_global") instanceof Map<?, ?> shared
                                        ? stringMap(shared) : null));
                        continue;
                    }
                    if (portable == null) {
                        throw new SerializationError("No such serializable type: " + name + " at " + pathText(path));
                    }
                    if (type.equals("ClassType")) {
                        value = portable;
                    } else {
                        if (info == null) {
                            info = SerializationInfo.forReceiving(classes, codec.localTrusted(), codec.remoteTrusted());
                        }
                        boolean inShared = "vt_global".equals(path.get(0));
                        if (!inShared && !sharedOpen && root.get("vt_global") instanceof Map<?, ?> shared) {
                            info.openTransmittedData(stringMap(shared));
                            sharedOpen = true;
                        }
                        value = classes.reconstruct(portable, get(parent, key), info);
                    }
                }
                default -> value = simple(type, entry, path);
            }
            put(parent, key, value);
        }
        return media;
    }

    private static String knownType(Map<String, Object> entry) {
        Object types = entry.get("type");
        if (types instanceof List<?> list) {
            for (Object t : list) {
                if (t instanceof String s && switch (s) {
                    case "DataMedia", "LiveObject", "Capability", "Date", "DateTime", "Long", "Float", "Primitive",
                            "ValueType", "ClassType", "LazyMedia" -> true;
                    default -> false;
                }) {
                    return s;
                }
            }
        }
        throw new SerializationError("Cannot deserialise an object of type '"
                + (types instanceof List<?> l && !l.isEmpty() ? l.get(0) : types) + "'");
    }

    private Object simple(String type, Map<String, Object> entry, List<?> path) {
        Object v = entry.get("value");
        try {
            switch (type) {
                case "Long" -> {
                    BigInteger big = new BigInteger(String.valueOf(v).trim());
                    return big.bitLength() < 64 ? (Object) big.longValue() : big;
                }
                case "Float" -> {
                    return parseFloat(String.valueOf(v));
                }
                case "Date" -> {
                    return v == null ? null : DateTimes.parseDate(String.valueOf(v));
                }
                case "DateTime" -> {
                    return v == null ? null : DateTimes.parseDateTime(String.valueOf(v), codec.zone());
                }
                case "Primitive" -> {
                    return v;
                }
                case "Capability" -> {
                    Object scope = entry.get("scope");
                    Object narrow = entry.get("narrow");
                    Object mac = entry.get("mac");
                    if (!(scope instanceof List<?> s) || !(narrow == null || narrow instanceof List)) {
                        throw new SerializationError("A Capability needs a scope list");
                    }
                    return Capability.restore(s, narrow == null ? List.of() : (List<?>) narrow,
                            mac == null ? null : String.valueOf(mac));
                }
                default -> throw new SerializationError("Cannot deserialise an object of type '" + type + "'");
            }
        } catch (NumberFormatException | DateTimeException e) {
            throw new SerializationError("Invalid " + type + " value " + v + " at " + pathText(path));
        }
    }

    private static double parseFloat(String s) {
        String t = s.trim().toLowerCase(java.util.Locale.ROOT);
        return switch (t) {
            case "nan" -> Double.NaN;
            case "inf", "+inf", "infinity", "+infinity" -> Double.POSITIVE_INFINITY;
            case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }

    /** The container and key where a path ends, walking from the message root. */
    private static Object[] slot(Map<String, Object> root, List<?> path) {
        Object node = root;
        for (int i = 0; i < path.size() - 1; i++) {
            node = child(node, path.get(i), path);
        }
        Object last = path.get(path.size() - 1);
        if (node instanceof Map<?, ?> && last instanceof String k) {
            return new Object[] {node, k};
        }
        if (node instanceof List<?> list && last instanceof Number n && n.longValue() >= 0 && n.longValue() < list.size()) {
            return new Object[] {node, (int) n.longValue()};
        }
        throw new SerializationError("The path " + pathText(path) + " of an objects entry leads nowhere");
    }

    private static Object child(Object node, Object segment, List<?> path) {
        if (node instanceof Map<?, ?> map && segment instanceof String k && map.containsKey(k)) {
            return map.get(k);
        }
        if (node instanceof List<?> list && segment instanceof Number n && n.longValue() >= 0
                && n.longValue() < list.size()) {
            return list.get((int) n.longValue());
        }
        throw new SerializationError("The path " + pathText(path) + " of an objects entry leads nowhere");
    }

    private static Object get(Object parent, Object key) {
        return parent instanceof List<?> list ? list.get((Integer) key) : ((Map<?, ?>) parent).get(key);
    }

    @SuppressWarnings("unchecked")
    private static void put(Object parent, Object key, Object value) {
        if (parent instanceof List<?> list) {
            ((List<Object>) list).set((Integer) key, value);
        } else {
            ((Map<String, Object>) parent).put((String) key, value);
        }
    }

    private static String pathText(List<?> path) {
        StringBuilder out = new StringBuilder("msg");
        for (Object s : path) {
            out.append('[').append(s instanceof String k ? "'" + k + "'" : String.valueOf(s)).append(']');
        }
        return out.toString();
    }
}
