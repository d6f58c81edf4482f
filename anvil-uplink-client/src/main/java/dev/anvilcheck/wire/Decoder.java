package dev.anvilcheck.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.anvilcheck.media.BlobMedia;
import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.Capability;
import dev.anvilcheck.server.InternalError;
import dev.anvilcheck.server.PortableClasses;
import dev.anvilcheck.server.SerializationError;
import dev.anvilcheck.server.SerializationInfo;
import dev.anvilcheck.server.TimeoutError;
import dev.anvilcheck.server.host.WireError;
import dev.anvilcheck.value.OpaquePortable;
import dev.anvilcheck.value.OpaquePortableClass;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads the frames of one connection, in arrival order, into {@link Message}s (Uplink protocol §3,
 * §4): text frames are JSON messages, told apart by their keys; the special values of their
 * {@code objects} lists are rebuilt at their paths as the value model's canonical values; a
 * message that declares Media is held until every one of its Media has received its last chunk
 * (or failed), then handed on whole (MEDIA-02). {@code CHUNK_HEADER} and {@code MEDIA_ERROR} are
 * consumed here. Frames that break the protocol in ways the official server tolerates (a binary
 * frame without a header, a chunk for Media nobody waits for) are dropped and reported to the
 * anomaly listener; a text frame that is not a valid message raises {@link WireFormatException}.
 * Methods are synchronized, so a timer may call {@link #expireStalledMedia()} while a reader feeds
 * frames.
 *
 * @since 0.1
 */
public final class Decoder {
    private final WireCodec codec;
    private final Consumer<Message> deliver;
    private final Map<String, Held> held = new HashMap<>();
    private Consumer<String> anomalies = a -> { };
    private Header nextHeader;
    private boolean closed;

    /** A chunk header waiting for its binary frame. */
    private record Header(String requestId, String mediaId, boolean last) {}

    /** A message waiting for its Media. */
    private static final class Held {
        final String kind;
        final Map<String, Object> json;
        final Map<String, IncomingMedia> media = new LinkedHashMap<>();
        int remaining;

        Held(String kind, Map<String, Object> json) {
            this.kind = kind;
            this.json = json;
        }
    }

    /** One Media being received: its declared type and name, its bytes so far, where it goes. */
    private static final class IncomingMedia {
        final String contentType;
        final String name;
        final Object parent;
        final Object slot;
        byte[] bytes = new byte[0];
        int length;
        long lastActivity;
        boolean done;

        IncomingMedia(String contentType, String name, Object parent, Object slot, long now) {
            this.contentType = contentType;
            this.name = name;
            this.parent = parent;
            this.slot = slot;
            this.lastActivity = now;
        }

        void append(ByteBuffer chunk) {
            int n = chunk.remaining();
            if (length + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(length + n, Math.min(Integer.MAX_VALUE - 8, bytes.length * 2)));
            }
            chunk.get(bytes, length, n);
            length += n;
        }

        @SuppressWarnings("unchecked")
        void place(Object value) {
            if (parent instanceof List<?> list) {
                ((List<Object>) list).set((Integer) slot, value);
            } else {
                ((Map<String, Object>) parent).put((String) slot, value);
            }
        }
    }

    Decoder(WireCodec codec, Consumer<Message> deliver) {
        this.codec = codec;
        this.deliver = deliver;
    }

    /**
     * Where dropped frames are reported, e.g. a chunk for Media no message declared; by default
     * nowhere.
     *
     * @param listener receives a description of each anomaly
     * @return this decoder
     */
    public synchronized Decoder onAnomaly(Consumer<String> listener) {
        this.anomalies = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /**
     * Reads one text frame.
     *
     * @param text the frame's text
     * @throws WireFormatException if it is not a valid message
     */
    public void text(CharSequence text) {
        Map<String, Object> json;
        try (JsonParser p = JsonText.FACTORY.createParser(text.toString())) {
            json = readObject(p);
        } catch (IOException | RuntimeException e) {
            throw new WireFormatException("Not a JSON object: " + e.getMessage(), null, e);
        }
        accept(json);
    }

    /**
     * Reads one text frame given as UTF-8 bytes.
     *
     * @param utf8 the bytes
     * @param offset where the frame starts
     * @param length its length
     * @throws WireFormatException if it is not a valid message
     */
    public void text(byte[] utf8, int offset, int length) {
        Map<String, Object> json;
        try (JsonParser p = JsonText.FACTORY.createParser(utf8, offset, length)) {
            json = readObject(p);
        } catch (IOException | RuntimeException e) {
            throw new WireFormatException("Not a JSON object: " + e.getMessage(), null, e);
        }
        accept(json);
    }

    /**
     * Reads one binary frame: the chunk announced by the last {@code CHUNK_HEADER} (Uplink protocol
     * §3.6). A frame without a header, or for Media no held message declared, is dropped and
     * reported, as the official server drops it.
     *
     * @param chunk the frame's bytes, consumed
     */
    public void binary(ByteBuffer chunk) {
        Message complete = null;
        synchronized (this) {
            Header header = nextHeader;
            nextHeader = null;
            if (header == null) {
                anomalies.accept("a binary frame of " + chunk.remaining() + " bytes without a CHUNK_HEADER was dropped");
                return;
            }
            Held h = held.get(header.requestId());
            IncomingMedia m = h == null ? null : h.media.get(header.mediaId());
            if (m == null || m.done) {
                anomalies.accept("a chunk for Media " + header.mediaId() + " of message " + header.requestId()
                        + ", which is not being received, was dropped");
                return;
            }
            m.lastActivity = codec.clock().millis();
            if ((long) m.length + chunk.remaining() > codec.maxMediaBytes()) {
                complete = fail(header.requestId(), h, m, new InternalError("Media larger than "
                        + codec.maxMediaBytes() + " bytes cannot be received").errorObj());
            } else {
                m.append(chunk);
                if (header.last()) {
                    m.done = true;
                    m.place(new BlobMedia(m.contentType, m.length == m.bytes.length ? m.bytes
                            : Arrays.copyOf(m.bytes, m.length), m.name));
                    m.bytes = null;
                    complete = settle(header.requestId(), h);
                }
            }
        }
        if (complete != null) {
            deliver.accept(complete);
        }
    }

    /**
     * Fails every Media transfer that has been idle longer than the codec's media timeout, as the
     * official server does after 60 s: reading it raises {@code anvil.server.TimeoutError} "Timeout
     * during media transfer", and a message it held is handed on (Uplink protocol §3.6).
     *
     * @return how many Media were failed
     */
    public int expireStalledMedia() {
        List<Message> complete = new ArrayList<>();
        int failed = 0;
        synchronized (this) {
            long limit = codec.clock().millis() - codec.mediaTimeout().toMillis();
            WireError timeout = new TimeoutError("Timeout during media transfer").errorObj();
            for (Map.Entry<String, Held> e : new ArrayList<>(held.entrySet())) {
                for (IncomingMedia m : e.getValue().media.values()) {
                    if (!m.done && m.lastActivity < limit) {
                        failed++;
                        Message done = fail(e.getKey(), e.getValue(), m, timeout);
                        if (done != null) {
                            complete.add(done);
                        }
                    }
                }
            }
        }
        complete.forEach(deliver);
        return failed;
    }

    /**
     * How many messages are waiting for Media chunks.
     *
     * @return the count
     */
    public synchronized int pendingMessages() {
        return held.size();
    }

    /**
     * Forgets every message still waiting for Media, as when the socket closed; later frames are
     * ignored.
     *
     * @return how many messages were dropped
     */
    public synchronized int close() {
        closed = true;
        int dropped = held.size();
        held.clear();
        nextHeader = null;
        return dropped;
    }

    // ------------------------------------------------------------------ messages

    private void accept(Map<String, Object> json) {
        Message message;
        synchronized (this) {
            if (closed) {
                return;
            }
            try {
                message = classify(json);
            } catch (WireFormatException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new WireFormatException(describe(e), json, e);
            }
        }
        if (message != null) {
            deliver.accept(message);
        }
    }

    private static String describe(RuntimeException e) {
        return e instanceof SerializationError ? e.getMessage() : "Invalid message: " + e;
    }

    /** The message, or {@code null} if it was consumed here or waits for Media. */
    private Message classify(Map<String, Object> json) {
        if (json.containsKey("auth")) {
            return new Message.AuthOk(json.get("priv") instanceof String p ? p : Message.AuthOk.SERVER,
                    json.get("app-info") instanceof Map<?, ?> info ? stringMap(info) : Map.of());
        }
        Object type = json.get("type");
        if (json.containsKey("key") && type == null) {
            return new Message.Authenticate(json.get("key") instanceof String k ? k : "",
                    json.get("v") instanceof Number n ? n : null);
        }
        if (json.containsKey("output")) {
            return new Message.Output(json.get("id") instanceof String id ? id : null, String.valueOf(json.get("output")));
        }
        if (type != null) {
            switch (String.valueOf(type)) {
                case MessageTypes.CALL, MessageTypes.LAUNCH_BACKGROUND -> {
                    return withMedia("call", json);
                }
                case MessageTypes.REGISTER -> {
                    return new Message.Register(requireString(json, "name"));
                }
                case MessageTypes.REGISTER_LIVE_OBJECT_BACKEND -> {
                    return new Message.RegisterLiveObjectBackend(requireString(json, "backend"));
                }
                case MessageTypes.CHUNK_HEADER -> {
                    if (nextHeader != null) {
                        anomalies.accept("a CHUNK_HEADER for Media " + nextHeader.mediaId()
                                + " was not followed by its binary frame");
                    }
                    nextHeader = new Header(requireString(json, "requestId"), requireString(json, "mediaId"),
                            Boolean.TRUE.equals(json.get("lastChunk")));
                    return null;
                }
                case MessageTypes.MEDIA_ERROR -> {
                    return mediaError(json);
                }
                case MessageTypes.GET_TASK_STATE -> {
                    return new Message.GetTaskState(requireString(json, "id"), requireString(json, "task"));
                }
                case MessageTypes.KILL_TASK -> {
                    return new Message.KillTask(requireString(json, "task"));
                }
                default -> {
                    return new Message.Unrecognised(json);
                }
            }
        }
        if (json.get("id") instanceof String && (json.containsKey("response") || json.containsKey("error"))) {
            return withMedia(json.containsKey("response") ? "response" : "failure", json);
        }
        if (!json.containsKey("id") && json.containsKey("error")) {
            return new Message.FatalError(String.valueOf(json.get("error")));
        }
        return new Message.Unrecognised(json);
    }

    /** Rebuilds the special values of a call or response; holds it if it declared Media. */
    private Message withMedia(String kind, Map<String, Object> json) {
        String id = requireString(json, "id");
        Held h = new Held(kind, json);
        applyObjects(json, json.remove("objects"), h);
        json.remove("vt_global");
        if (h.remaining == 0) {
            return build(kind, json);
        }
        held.put(id, h);
        return null;
    }

    private Message mediaError(Map<String, Object> json) {
        String requestId = requireString(json, "requestId");
        WireError cause = json.get("cause") instanceof Map<?, ?> c ? error(stringMap(c)).error
                : new WireError(null, String.valueOf(json.get("cause")), List.of());
        Held h = held.get(requestId);
        Message complete = null;
        if (json.get("mediaIds") instanceof List<?> ids) {
            for (Object mediaId : ids) {
                IncomingMedia m = h == null ? null : h.media.get(String.valueOf(mediaId));
                if (m == null || m.done) {
                    anomalies.accept("MEDIA_ERROR for Media " + mediaId + " of message " + requestId
                            + ", which is not being received, was ignored");
                } else {
                    Message done = fail(requestId, h, m, cause);
                    complete = done != null ? done : complete;
                }
            }
        }
        return complete;
    }

    private Message fail(String requestId, Held h, IncomingMedia m, WireError cause) {
        m.done = true;
        m.bytes = null;
        m.place(new dev.anvilcheck.value.UndeliveredMedia(m.contentType, m.name, cause));
        return settle(requestId, h);
    }

    /** Counts one Media done; the message, built, once none remains. */
    private Message settle(String requestId, Held h) {
        if (--h.remaining > 0) {
            return null;
        }
        held.remove(requestId);
        try {
            return build(h.kind, h.json);
        } catch (RuntimeException e) {
            throw new WireFormatException(describe(e), h.json, e);
        }
    }

    private Message build(String kind, Map<String, Object> json) {
        String id = (String) json.remove("id");
        switch (kind) {
            case "call" -> {
                boolean background = MessageTypes.LAUNCH_BACKGROUND.equals(json.remove("type"));
                Object command = json.remove("command");
                Object live = json.remove("liveObjectCall");
                Object args = json.remove("args");
                Object kwargs = json.remove("kwargs");
                Map<String, Object> session = session(json.remove("sessionData"));
                if (!(args == null || args instanceof List) || !(kwargs == null || kwargs instanceof Map)) {
                    throw new SerializationError("A call's args must be a list and its kwargs an object");
                }
                @SuppressWarnings("unchecked")
                Arguments arguments = new Arguments(args == null ? List.of() : (List<Object>) args,
                        kwargs == null ? Map.of() : stringMap((Map<?, ?>) kwargs));
                Map<String, Object> liveObjectCall = live instanceof Map<?, ?> l ? stringMap(l) : null;
                String name = command instanceof String c ? c : null;
                if ((name == null) == (liveObjectCall == null)) {
                    throw new SerializationError("A call needs a string command or a liveObjectCall");
                }
                return new Message.Call(id, background, name, liveObjectCall, arguments, session, json);
            }
            case "response" -> {
                Object value = json.remove("response");
                Map<String, Object> session = session(json.remove("sessionData"));
                json.remove("error");
                return new Message.Response(id, value, session, json);
            }
            default -> {
                Object raw = json.remove("error");
                ErrorParts parts = raw instanceof Map<?, ?> e ? error(stringMap(e))
                        : new ErrorParts(new WireError(null, String.valueOf(raw), List.of()), Map.of());
                return new Message.Failure(id, parts.error, parts.fields, json);
            }
        }
    }

    private record ErrorParts(WireError error, Map<String, Object> fields) {}

    /** An error object: type (optional), message, trace of [file, line] pairs, and its other keys (§5.1). */
    private static ErrorParts error(Map<String, Object> e) {
        Map<String, Object> rest = new LinkedHashMap<>(e);
        Object type = rest.remove("type");
        Object message = rest.remove("message");
        Object trace = rest.remove("trace");
        List<WireError.TraceEntry> entries = new ArrayList<>();
        if (trace instanceof List<?> frames) {
            for (Object f : frames) {
                if (f instanceof List<?> pair && pair.size() >= 2) {
                    int line = pair.get(1) instanceof Number n ? (int) n.longValue() : 0;
                    entries.add(new WireError.TraceEntry(String.valueOf(pair.get(0)), line));
                }
            }
        }
        return new ErrorParts(new WireError(type instanceof String t ? t : null,
                message == null ? "" : String.valueOf(message), entries), rest);
    }

    /**
     * The contents of a {@code sessionData} field: {@code null} when absent, an empty map for
     * {@code {}} or a {@code null} session, else the session rebuilt from its own {@code objects},
     * whose paths start at {@code sessionData} (Uplink protocol §4.7).
     */
    private Map<String, Object> session(Object sessionData) {
        if (sessionData == null) {
            return null;
        }
        if (!(sessionData instanceof Map<?, ?> raw)) {
            throw new SerializationError("sessionData must be an object");
        }
        Map<String, Object> nested = stringMap(raw);
        Object objects = nested.remove("objects");
        Held none = new Held("session", nested);
        applyObjects(nested, objects, none);
        if (none.remaining > 0) {
            throw new SerializationError("Cannot save DataMedia objects in anvil.server.session");
        }
        Object session = nested.get("session");
        if (session == null) {
            return Map.of();
        }
        if (!(session instanceof Map<?, ?> map)) {
            throw new SerializationError("The session must be an object");
        }
        return stringMap(map);
    }

    // ------------------------------------------------------------------ special values

    /** Applies {@code objects} entries in order at their paths from {@code root} (§4.2). */
    private void applyObjects(Map<String, Object> root, Object objects, Held h) {
        if (objects == null) {
            return;
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
                    Object mime = entry.get("mime-type");
                    IncomingMedia m = new IncomingMedia(mime == null ? "application/octet-stream" : String.valueOf(mime),
                            entry.get("name") instanceof String n ? n : null, parent, key, codec.clock().millis());
                    h.media.put(mediaId, m);
                    h.remaining++;
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

    // ------------------------------------------------------------------ JSON

    private static String requireString(Map<String, Object> json, String key) {
        if (json.get(key) instanceof String s) {
            return s;
        }
        throw new SerializationError("The message needs a string '" + key + "'");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stringMap(Map<?, ?> map) {
        return (Map<String, Object>) map;
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

    @Override
    public synchronized String toString() {
        return "Decoder[" + held.size() + " message(s) waiting for Media]";
    }
}
