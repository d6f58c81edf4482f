package dev.anvilcheck.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.anvilcheck.media.LazyMedia;
import dev.anvilcheck.media.Media;
import dev.anvilcheck.server.Capability;
import dev.anvilcheck.server.PortableClasses;
import dev.anvilcheck.server.SerializationInfo;
import dev.anvilcheck.server.SerializationError;
import dev.anvilcheck.server.Task;
import dev.anvilcheck.value.CapabilityTranslator;
import dev.anvilcheck.value.OpaquePortable;
import dev.anvilcheck.value.OpaquePortableClass;
import dev.anvilcheck.value.ValuePath;
import java.io.IOException;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes canonical values as the wire carries them (Uplink protocol §4): plain JSON where JSON
 * can hold the value, and otherwise {@code null} in place plus an entry in the message's
 * {@code objects} list naming the path from the message root. Integers beyond ±2147483647 are
 * {@code Long} entries (SER-06), non-finite floats {@code Float} entries (SER-05), dates and
 * date-times {@code Date}/{@code DateTime} entries (SER-07, SER-08), Media {@code DataMedia}
 * entries whose bytes follow as chunks (MEDIA-01, MEDIA-02), capabilities {@code Capability}
 * entries with their MAC (CAP-08), task handles {@code LiveObject} entries (TASK-17),
 * {@link LazyMedia} {@code LazyMedia} entries (MEDIA-04), and portable objects their data in place
 * followed by a {@code ValueType} entry, portable classes {@code ClassType} entries (PORT-03,
 * PORT-07, PORT-09). One writer serves one message; not thread-safe.
 */
final class ValueWriter {
    /** The largest integer Python sends inline; larger magnitudes go as {@code Long} entries. */
    private static final long INLINE_INT = 2147483647L;
    private static final char[] ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final JsonGenerator g;
    private final LiveObjects liveObjects;
    private final WireCodec codec;
    private SerializationInfo info;
    private final List<Map<String, Object>> objects;
    private final List<Encoded.OutgoingMedia> media;
    /** What each capability is written as (a runtime re-issues what leaves it; CAP-06). */
    private final CapabilityTranslator leaving;
    private Object[] path = new Object[16];
    private int depth;
    private Map<String, Object> knownMethods;
    private Map<String, Object> relayedShared;

    ValueWriter(JsonGenerator g, WireCodec codec, List<Encoded.OutgoingMedia> media) {
        this(g, codec, media, CapabilityTranslator.COPY);
    }

    ValueWriter(JsonGenerator g, WireCodec codec, List<Encoded.OutgoingMedia> media, CapabilityTranslator leaving) {
        this.g = g;
        this.codec = codec;
        this.liveObjects = codec.liveObjects();
        this.objects = new ArrayList<>();
        this.media = media;
        this.leaving = leaving;
    }

    /** The entries written so far, those of {@code vt_global} first, as the platform orders them (§4.2). */
    List<Map<String, Object>> objects() {
        List<Map<String, Object>> shared = new ArrayList<>();
        List<Map<String, Object>> rest = new ArrayList<>(objects.size());
        for (Map<String, Object> e : objects) {
            List<?> p = (List<?>) e.get("path");
            (!p.isEmpty() && "vt_global".equals(p.get(0)) ? shared : rest).add(e);
        }
        shared.addAll(rest);
        return shared;
    }

    /** Writes the field {@code name} of the message root, or of the object being written, and its value. */
    void field(String name, Object value) throws IOException {
        g.writeFieldName(name);
        push(name);
        value(value);
        depth--;
    }

    /** Writes a value at the current path. */
    void value(Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Long l) {
            integer(l);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Double d) {
            floating(d);
        } else if (v instanceof List<?> list) {
            list(list);
        } else if (v instanceof Map<?, ?> map) {
            map(map);
        } else if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            integer(((Number) v).longValue());
        } else if (v instanceof Float f) {
            floating(f.doubleValue());
        } else {
            special(v);
        }
    }

    private void integer(long l) throws IOException {
        if (l > INLINE_INT || l < -INLINE_INT) {
            g.writeNull();
            entry("Long").put("value", Long.toString(l));
        } else {
            g.writeNumber(l);
        }
    }

    private void floating(double d) throws IOException {
        if (Double.isFinite(d)) {
            g.writeNumber(d);
        } else {
            g.writeNull();
            entry("Float").put("value", Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
        }
    }

    private void list(List<?> list) throws IOException {
        if (depth >= JsonText.MAX_NESTING) {
            throw tooDeep();
        }
        g.writeStartArray();
        int i = 0;
        for (Object item : list) {
            push(i++);
            value(item);
            depth--;
        }
        g.writeEndArray();
    }

    private void map(Map<?, ?> map) throws IOException {
        if (depth >= JsonText.MAX_NESTING) {
            throw tooDeep();
        }
        g.writeStartObject();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new SerializationError("Cannot serialize dictionaries with keys that aren't strings at "
                        + path().nonStringKey(e.getKey()));
            }
            g.writeFieldName(key);
            push(key);
            value(e.getValue());
            depth--;
        }
        g.writeEndObject();
    }

    private void special(Object v) throws IOException {
        if (v instanceof BigInteger big) {
            g.writeNull();
            entry("Long").put("value", big.toString());
        } else if (v instanceof OffsetDateTime t) {
            g.writeNull();
            entry("DateTime").put("value", DateTimes.format(t));
        } else if (v instanceof LocalDate d) {
            g.writeNull();
            entry("Date").put("value", DateTimes.format(d));
        } else if (v instanceof LazyMedia lazy) {
            g.writeNull();
            Map<String, Object> e = entry("LazyMedia");
            liveObjects.describe(lazy).forEach((k, x) -> {
                if (!k.equals("type") && !k.equals("path")) {
                    e.put(k, x);
                }
            });
        } else if (v instanceof Media m) {
            g.writeNull();
            String id = newId();
            Map<String, Object> e = entry("DataMedia");
            e.put("id", id);
            e.put("mime-type", m.contentType());
            e.put("name", m.name());
            media.add(new Encoded.OutgoingMedia(id, m));
        } else if (v instanceof Capability sent) {
            Capability c = leaving.translate(sent);
            g.writeNull();
            Map<String, Object> e = entry("Capability");
            e.put("scope", c.baseScope());
            e.put("mac", c.mac());
            if (!c.narrowing().isEmpty()) {
                e.put("narrow", c.narrowing());
            }
        } else if (v instanceof Task task) {
            g.writeNull();
            liveObject(liveObjects.describe(task));
        } else {
            portable(v);
        }
    }

    /**
     * A portable object: its data, as its class serialises it, in place, then its {@code ValueType}
     * entry after the entries of its contents (PORT-03, PORT-09); a portable class: a
     * {@code ClassType} entry (PORT-07).
     */
    private void portable(Object v) throws IOException {
        if (v instanceof OpaquePortable opaque) {
            value(opaque.data());
            entry("ValueType").put("typeName", opaque.typeName());
            if (!opaque.sharedData().isEmpty()) {
                if (relayedShared == null) {
                    relayedShared = new java.util.LinkedHashMap<>();
                }
                opaque.sharedData().forEach(relayedShared::putIfAbsent);
            }
            return;
        }
        if (v instanceof OpaquePortableClass opaque) {
            g.writeNull();
            entry("ClassType").put("typeName", opaque.typeName());
            return;
        }
        PortableClasses classes = codec.portableClasses();
        if (v instanceof Class<?> type && classes.nameOf(type) != null) {
            g.writeNull();
            entry("ClassType").put("typeName", classes.nameOf(type));
            return;
        }
        String name = v instanceof Class<?> ? null : classes.nameOf(v.getClass());
        if (name == null) {
            throw new SerializationError("Cannot serialize " + typeName(v.getClass()) + " object at " + path());
        }
        if (info == null) {
            info = SerializationInfo.forSending(classes, codec.localTrusted(), codec.remoteTrusted());
        }
        value(classes.serialize(v, info));
        entry("ValueType").put("typeName", name);
    }

    /**
     * The shared data portable classes' hooks transmitted, closed for further writes, and the
     * shared data relayed opaque objects carried, for keys the hooks did not set; empty if none
     * (PORT-05; Uplink protocol §4.5).
     */
    Map<String, Object> closeSharedData() {
        Map<String, Object> transmitted = info == null ? Map.of() : info.closeTransmittedData();
        if (relayedShared == null) {
            return transmitted;
        }
        Map<String, Object> merged = new java.util.LinkedHashMap<>(transmitted);
        relayedShared.forEach(merged::putIfAbsent);
        return merged;
    }

    /** A LiveObject entry; its methods are left out when an earlier one of its backend had the same (§4.6). */
    private void liveObject(Map<String, Object> descriptor) {
        Map<String, Object> e = entry("LiveObject");
        descriptor.forEach((k, v) -> {
            if (!k.equals("type") && !k.equals("path")) {
                e.put(k, v);
            }
        });
        Object backend = e.get("backend");
        if (knownMethods == null) {
            knownMethods = new HashMap<>();
        }
        Object methods = e.get("methods");
        if (methods != null && methods.equals(knownMethods.get(String.valueOf(backend)))) {
            e.remove("methods");
        } else if (methods != null) {
            knownMethods.put(String.valueOf(backend), methods);
        }
    }

    private Map<String, Object> entry(String type) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("type", List.of(type));
        e.put("path", Arrays.asList(Arrays.copyOf(path, depth)));
        objects.add(e);
        return e;
    }

    private void push(Object segment) {
        if (depth == path.length) {
            path = Arrays.copyOf(path, depth * 2);
        }
        path[depth++] = segment;
    }

    private ValuePath path() {
        ValuePath p = ValuePath.root();
        for (int i = 0; i < depth; i++) {
            p = path[i] instanceof String k ? p.key(k) : p.index((Integer) path[i]);
        }
        return p;
    }

    private SerializationError tooDeep() {
        return new SerializationError("Cannot serialize values nested more than " + JsonText.MAX_NESTING
                + " deep over the wire at " + path());
    }

    /** A fresh Media id: ten random letters and digits, as the official client makes them. */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] id = new char[10];
        for (int i = 0; i < id.length; i++) {
            id[i] = ID_CHARS[random.nextInt(ID_CHARS.length)];
        }
        return new String(id);
    }

    private static String typeName(Class<?> type) {
        return type.isArray() ? typeName(type.getComponentType()) + "[]" : type.getName();
    }
}
