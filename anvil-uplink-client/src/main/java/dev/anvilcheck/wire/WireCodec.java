package dev.anvilcheck.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.PortableClasses;
import dev.anvilcheck.server.SerializationError;
import dev.anvilcheck.server.host.WireError;
import dev.anvilcheck.value.CapabilityTranslator;
import dev.anvilcheck.value.Crossing;
import dev.anvilcheck.value.Side;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The Anvil Uplink wire codec: turns {@link Message}s into the exact frames the official client
 * and server exchange, and frames back into messages (Uplink protocol §2..§5). Values inside
 * messages are copied by the value model first ({@link Crossing}): call arguments, return values
 * and session data are refused with the same {@link SerializationError}, naming the same path, as
 * in memory (SER-01..15, CALL-20, CALL-21, SESS-04), then written with the {@code objects} list
 * for what JSON cannot hold. Decoding gives the value model's canonical values back, so a value
 * that crosses the wire arrives exactly as it would in memory; the int/float distinction is kept
 * (SER-06). Immutable and thread-safe; each connection makes its own {@link Decoder}.
 *
 * <pre>{@code
 * WireCodec codec = WireCodec.create();
 * codec.encode(Message.Call.of("id1", "add", Arguments.of(1, 2))).writeTo(sink);
 * Decoder decoder = codec.newDecoder(message -> handle(message));
 * decoder.text(frameText);         // complete messages are handed to the consumer,
 * decoder.binary(frameBytes);      // a message with Media once its last chunk arrived
 * }</pre>
 *
 * @since 0.1
 */
public final class WireCodec {
    /** The largest frame, text or binary, the official server accepts: 16 MiB (Uplink protocol §1.5). */
    public static final int MAX_FRAME = 16 * 1024 * 1024;
    /** The Media chunk size the official client sends, and this codec's default: 64 KiB. */
    public static final int CHUNK_SIZE = 65_536;

    private final ZoneId zone;
    private final PortableClasses portableClasses;
    private final boolean localTrusted;
    private final boolean remoteTrusted;
    private final int chunkSize;
    private final LiveObjects liveObjects;
    private final long maxMediaBytes;
    private final Duration mediaTimeout;
    private final Clock clock;

    private WireCodec(Builder b) {
        this.zone = b.zone;
        this.portableClasses = b.portableClasses;
        this.localTrusted = b.localTrusted;
        this.remoteTrusted = b.remoteTrusted;
        this.chunkSize = b.chunkSize;
        this.liveObjects = b.liveObjects;
        this.maxMediaBytes = b.maxMediaBytes;
        this.mediaTimeout = b.mediaTimeout;
        this.clock = b.clock;
    }

    /**
     * A codec with the defaults of {@link Builder}.
     *
     * @return the codec
     */
    public static WireCodec create() {
        return builder().build();
    }

    /**
     * A builder of a codec.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Encodes one message: its text frame and the Media chunks that follow it. Values are copied
     * by the value model as the sender serialises them, in this codec's zone (SER-09): call
     * arguments as {@link Crossing#arguments}, a return value as {@link Crossing#returnValue}, the
     * session as {@link Crossing#sessionData}; other fields must already be canonical values.
     *
     * @param message the message
     * @return the frames
     * @throws SerializationError if a value cannot cross, with the value model's message and
     *     path (e.g. {@code "Cannot serialize arguments to function. Cannot serialize
     *     java.util.HashSet object at msg['args'][0]"}), or if the text frame would reach
     *     {@link #MAX_FRAME} ({@code "Payload too large (...)"})
     */
    public Encoded encode(Message message) {
        return encode(message, CapabilityTranslator.COPY);
    }

    /**
     * Encodes {@code message} as {@link #encode(Message)} does, writing each capability as
     * {@code leaving} gives it: a runtime's Uplink server re-issues what leaves it with the full
     * scope as its base and a MAC of it, as the App Server does ({@code dispatcher/serialisation/core.clj}),
     * because a client that ignores {@code narrow} (the official Python one) would otherwise hold
     * the broader capability (CAP-06). The message's own values are not changed.
     *
     * @param message the message
     * @param leaving what each capability is written as
     * @return the text frame, with any Media to stream after it
     * @throws SerializationError as {@link #encode(Message)}
     * @since 0.1
     */
    public Encoded encode(Message message, CapabilityTranslator leaving) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(leaving, "leaving");
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        List<Encoded.OutgoingMedia> media = new ArrayList<>(0);
        String requestId = null;
        try (JsonGenerator g = JsonText.FACTORY.createGenerator(out)) {
            ValueWriter w = new ValueWriter(g, this, media, leaving);
            g.writeStartObject();
            if (message instanceof Message.Authenticate m) {
                g.writeStringField("key", m.key());
                g.writeFieldName("v");
                raw(g, m.version());
            } else if (message instanceof Message.AuthOk m) {
                g.writeStringField("auth", "OK");
                g.writeStringField("priv", m.privilege());
                if (!m.appInfo().isEmpty()) {
                    w.field("app-info", m.appInfo());
                }
            } else if (message instanceof Message.FatalError m) {
                g.writeStringField("error", m.message());
            } else if (message instanceof Message.Output m) {
                if (m.id() != null) {
                    g.writeStringField("id", m.id());
                }
                g.writeStringField("output", m.output());
            } else if (message instanceof Message.Register m) {
                g.writeStringField("type", MessageTypes.REGISTER);
                g.writeStringField("name", m.name());
            } else if (message instanceof Message.RegisterLiveObjectBackend m) {
                g.writeStringField("type", MessageTypes.REGISTER_LIVE_OBJECT_BACKEND);
                g.writeStringField("backend", m.backend());
            } else if (message instanceof Message.Call m) {
                requestId = m.id();
                call(g, w, m);
            } else if (message instanceof Message.Response m) {
                requestId = m.id();
                g.writeStringField("id", m.id());
                w.field("response", crossing().returnValue(m.value()));
                if (m.session() != null) {
                    g.writeFieldName("sessionData");
                    session(g, m.session(), false);
                }
                fields(w, m.fields());
                objects(g, w);
            } else if (message instanceof Message.Failure m) {
                requestId = m.id();
                g.writeStringField("id", m.id());
                g.writeFieldName("error");
                g.writeStartObject();
                if (m.error().type() != null) {
                    g.writeStringField("type", m.error().type());
                }
                g.writeStringField("message", m.error().message());
                trace(g, m.error());
                m.errorFields().forEach((k, v) -> fieldUnchecked(w, k, v));
                g.writeEndObject();
                fields(w, m.fields());
                objects(g, w);
            } else if (message instanceof Message.ChunkHeader m) {
                chunkHeaderFields(g, m.requestId(), m.mediaId(), m.chunkIndex(), m.lastChunk());
            } else if (message instanceof Message.MediaError m) {
                mediaErrorFields(g, m.requestId(), m.mediaIds(), m.cause());
            } else if (message instanceof Message.GetTaskState m) {
                g.writeStringField("type", MessageTypes.GET_TASK_STATE);
                g.writeStringField("id", m.id());
                g.writeStringField("task", m.task());
            } else if (message instanceof Message.KillTask m) {
                g.writeStringField("type", MessageTypes.KILL_TASK);
                g.writeStringField("task", m.task());
            } else if (message instanceof Message.Unrecognised m) {
                fields(w, m.json());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (FieldFailure e) {
            throw e.error;
        }
        if (requestId == null && !media.isEmpty()) {
            throw new SerializationError("Media can only be sent in calls and responses, which have an id");
        }
        byte[] text = out.toByteArray();
        if (text.length >= MAX_FRAME) {
            throw new SerializationError("Payload too large (" + text.length + " bytes; a frame must be smaller than "
                    + MAX_FRAME + ")");
        }
        return new Encoded(requestId, text, media, chunkSize);
    }

    private void call(JsonGenerator g, ValueWriter w, Message.Call m) throws IOException {
        Arguments sent = crossing().arguments(m.arguments());
        g.writeStringField("type", m.background() ? MessageTypes.LAUNCH_BACKGROUND : MessageTypes.CALL);
        g.writeStringField("id", m.id());
        if (m.command() != null) {
            g.writeStringField("command", m.command());
        } else {
            w.field("liveObjectCall", m.liveObjectCall());
        }
        w.field("args", sent.args());
        w.field("kwargs", sent.kwargs());
        fields(w, m.fields());
        if (m.session() != null) {
            g.writeFieldName("sessionData");
            session(g, m.session(), true);
        }
        objects(g, w);
    }

    /**
     * Writes {@code sessionData}: {@code {}} for an empty session in a call, else the nested form
     * {@code {"session": ..., "objects": [...]}} whose paths start at {@code sessionData}
     * (Uplink protocol §4.7; SESS-04).
     */
    private void session(JsonGenerator g, Map<String, Object> session, boolean emptyAsBraces) throws IOException {
        if (session.isEmpty() && emptyAsBraces) {
            g.writeStartObject();
            g.writeEndObject();
            return;
        }
        Map<String, Object> copied = crossing().sessionData(session);
        g.writeStartObject();
        ValueWriter nested = new ValueWriter(g, this, new ArrayList<>(0));
        nested.field("session", copied);
        objects(g, nested);
        g.writeEndObject();
    }

    private static void fields(ValueWriter w, Map<String, Object> fields) {
        fields.forEach((k, v) -> fieldUnchecked(w, k, v));
    }

    private static void fieldUnchecked(ValueWriter w, String name, Object value) {
        try {
            w.field(name, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SerializationError e) {
            throw new FieldFailure(e);
        }
    }

    /** Carries a refusal out of a lambda unchanged. */
    private static final class FieldFailure extends RuntimeException {
        final SerializationError error;

        FieldFailure(SerializationError error) {
            super(null, null, false, false);
            this.error = error;
        }
    }

    private static void trace(JsonGenerator g, WireError error) throws IOException {
        g.writeFieldName("trace");
        g.writeStartArray();
        for (WireError.TraceEntry t : error.trace()) {
            g.writeStartArray();
            g.writeString(t.file());
            g.writeNumber(t.line());
            g.writeEndArray();
        }
        g.writeEndArray();
    }

    private static void objects(JsonGenerator g, ValueWriter w) throws IOException {
        Map<String, Object> shared = w.closeSharedData();
        if (!shared.isEmpty()) {
            w.field("vt_global", shared);
        }
        g.writeFieldName("objects");
        g.writeStartArray();
        for (Map<String, Object> entry : w.objects()) {
            raw(g, entry);
        }
        g.writeEndArray();
    }

    /** Writes plain JSON: the entries of {@code objects} and other values that need no entries. */
    private static void raw(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof BigInteger big) {
            g.writeNumber(big);
        } else if (v instanceof Double || v instanceof Float) {
            g.writeNumber(((Number) v).doubleValue());
        } else if (v instanceof Number n) {
            g.writeNumber(n.toString());
        } else if (v instanceof List<?> list) {
            g.writeStartArray();
            for (Object item : list) {
                raw(g, item);
            }
            g.writeEndArray();
        } else if (v instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                raw(g, e.getValue());
            }
            g.writeEndObject();
        } else {
            g.writeString(String.valueOf(v));
        }
    }

    private static void chunkHeaderFields(JsonGenerator g, String requestId, String mediaId, long index, boolean last)
            throws IOException {
        g.writeStringField("type", MessageTypes.CHUNK_HEADER);
        g.writeStringField("requestId", requestId);
        g.writeStringField("mediaId", mediaId);
        g.writeNumberField("chunkIndex", index);
        g.writeBooleanField("lastChunk", last);
    }

    private static void mediaErrorFields(JsonGenerator g, String requestId, List<String> mediaIds, WireError cause)
            throws IOException {
        g.writeStringField("type", MessageTypes.MEDIA_ERROR);
        g.writeStringField("requestId", requestId);
        g.writeFieldName("mediaIds");
        raw(g, mediaIds);
        g.writeFieldName("cause");
        g.writeStartObject();
        if (cause.type() != null) {
            g.writeStringField("type", cause.type());
        }
        g.writeStringField("message", cause.message());
        trace(g, cause);
        g.writeEndObject();
    }

    /** The text of one {@code CHUNK_HEADER} (Uplink protocol §3.6). */
    static byte[] chunkHeader(String requestId, String mediaId, long index, boolean last) {
        return small(g -> chunkHeaderFields(g, requestId, mediaId, index, last));
    }

    /** The text of a {@code MEDIA_ERROR} for one Media (Uplink protocol §3.7). */
    static byte[] mediaError(String requestId, String mediaId, WireError cause) {
        return small(g -> mediaErrorFields(g, requestId, List.of(mediaId), cause));
    }

    private interface Fields {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] small(Fields fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator g = JsonText.FACTORY.createGenerator(out)) {
            g.writeStartObject();
            fields.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Encodes a payload that is stored rather than sent, as the App Server's serialiser writes it
     * when it stores a cookie ({@code dispatcher/native_rpc_handlers/cookies.clj}): the payload's
     * fields in order, each value written as in a message, followed by the {@code objects} list.
     * A stored payload holds no binary Media; {@code LazyMedia} and other values that travel by
     * reference are written as references. The values must already be canonical values (a
     * crossing's copy).
     *
     * @param payload the fields, e.g. {@code {"c": ..., "id": "x"}}
     * @return the JSON text, UTF-8
     * @throws SerializationError if a value cannot be written, or is binary Media
     * @since 0.1
     */
    public byte[] encodeStored(Map<String, ?> payload) {
        Objects.requireNonNull(payload, "payload");
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        List<Encoded.OutgoingMedia> media = new ArrayList<>(0);
        try (JsonGenerator g = JsonText.FACTORY.createGenerator(out)) {
            ValueWriter w = new ValueWriter(g, this, media);
            g.writeStartObject();
            for (Map.Entry<String, ?> field : payload.entrySet()) {
                w.field(field.getKey(), field.getValue());
            }
            objects(g, w);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!media.isEmpty()) {
            throw new SerializationError("Cannot store Media in cookies.");
        }
        return out.toByteArray();
    }

    /**
     * A new decoder for one connection, which hands each complete message to {@code deliver}
     * (Uplink protocol §3; MEDIA-02).
     *
     * @param deliver receives each message once it is complete, on the thread that fed the frame
     *     that completed it
     * @return the decoder
     */
    public Decoder newDecoder(Consumer<Message> deliver) {
        return new Decoder(this, Objects.requireNonNull(deliver, "deliver"));
    }

    /**
     * Reads one JSON document as this codec reads plain values (Uplink protocol §4.1), for JSON
     * that is not a message, such as an HTTP request's body ({@code request.body_json}, HTTP-25):
     * integers become {@code Long} ({@code BigInteger} past 64 bits), other numbers {@code Double}
     * ({@code NaN} and the infinities accepted, as Python's {@code json.loads} accepts them),
     * objects maps in document order.
     *
     * @param utf8 the document, UTF-8
     * @return the value: {@code Long}, {@code BigInteger}, {@code Double}, {@code String},
     *     {@code Boolean}, {@code List}, {@code Map} or {@code null}
     * @throws IllegalArgumentException if the bytes are not one JSON document, saying why
     * @since 0.1
     */
    public static Object readJson(byte[] utf8) {
        return Decoder.readDocument(Objects.requireNonNull(utf8, "utf8"));
    }

    ZoneId zone() {
        return zone;
    }

    /** The side values are sent from, as the value model knows it. */
    private Side side() {
        return new Side(zone, portableClasses, localTrusted);
    }

    /** The value model's copy of what this side sends, whose hooks are told the other side's trust (PORT-05). */
    private Crossing crossing() {
        return Crossing.from(side()).receiverTrusted(remoteTrusted);
    }

    PortableClasses portableClasses() {
        return portableClasses;
    }

    boolean localTrusted() {
        return localTrusted;
    }

    boolean remoteTrusted() {
        return remoteTrusted;
    }

    /**
     * How this codec sends and receives task handles and other LiveObjects (Uplink protocol §4.6;
     * TASK-17): the bridge its builder was given, {@link LiveObjects#TASKS} by default.
     *
     * @return the bridge
     * @since 0.1
     */
    public LiveObjects liveObjects() {
        return liveObjects;
    }

    /**
     * This codec with {@code liveObjects} as its LiveObject bridge and every other setting unchanged,
     * e.g. for a connection whose task handles call back over that connection (Uplink protocol §4.6;
     * TASK-08..17).
     *
     * @param liveObjects the bridge
     * @return the new codec
     * @since 0.1
     */
    public WireCodec withLiveObjects(LiveObjects liveObjects) {
        return settings().liveObjects(liveObjects).build();
    }

    /**
     * This codec with {@code remote} as the other side's trust and every other setting unchanged
     * (this codec itself when its trust is already that): an uplink that answers a call encodes
     * the return value for whoever made the call, so the value's portable classes' hooks are told
     * that caller's trust, as the platform's uplink library tells them
     * ({@code _threaded_server.py}: {@code remote_is_trusted=call_context.remote_caller.is_trusted};
     * PORT-05).
     *
     * @param remote whether the other side is trusted
     * @return the codec
     * @since 0.1
     */
    public WireCodec withRemoteTrust(boolean remote) {
        return remote == remoteTrusted ? this : settings().trust(localTrusted, remote).build();
    }

    /** A builder holding every setting of this codec. */
    private Builder settings() {
        Builder b = new Builder();
        b.zone = zone;
        b.portableClasses = portableClasses;
        b.localTrusted = localTrusted;
        b.remoteTrusted = remoteTrusted;
        b.chunkSize = chunkSize;
        b.liveObjects = liveObjects;
        b.maxMediaBytes = maxMediaBytes;
        b.mediaTimeout = mediaTimeout;
        b.clock = clock;
        return b;
    }

    long maxMediaBytes() {
        return maxMediaBytes;
    }

    Duration mediaTimeout() {
        return mediaTimeout;
    }

    Clock clock() {
        return clock;
    }

    /**
     * Settings of a codec. Defaults: zone UTC, the process-wide portable classes, both sides trusted,
     * 64 KiB chunks, task handles by id
     * ({@link LiveObjects#TASKS}), Media of at most 256 MiB, Media transfers failing after 60
     * idle seconds by the system clock, as the official server's.
     *
     * @since 0.1
     */
    public static final class Builder {
        private ZoneId zone = ZoneOffset.UTC;
        private PortableClasses portableClasses = PortableClasses.global();
        private boolean localTrusted = true;
        private boolean remoteTrusted = true;
        private int chunkSize = CHUNK_SIZE;
        private LiveObjects liveObjects = LiveObjects.TASKS;
        private long maxMediaBytes = 256L * 1024 * 1024;
        private Duration mediaTimeout = Duration.ofSeconds(60);
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /**
         * The zone of the side this codec sends for, which stamps naive date-times it sends
         * (SER-09), and in which naive date-times it receives are read.
         *
         * @param zone the zone
         * @return this builder
         */
        public Builder zone(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        /**
         * The portable classes of the side this codec works for: objects of these classes are sent
         * as {@code ValueType} entries under their registered names, and received ones are rebuilt
         * as the class of their name, or refused with {@code "No such serializable type: <name>"}
         * (PORT-01..09). Defaults to {@link PortableClasses#global()}.
         *
         * @param classes the classes
         * @return this builder
         */
        public Builder portableClasses(PortableClasses classes) {
            this.portableClasses = Objects.requireNonNull(classes, "classes");
            return this;
        }

        /**
         * Whether this side and the other side are trusted, which portable classes' hooks read
         * from their {@link dev.anvilcheck.server.SerializationInfo} (PORT-05). Defaults to both.
         *
         * @param local whether this side is trusted
         * @param remote whether the other side is trusted
         * @return this builder
         */
        public Builder trust(boolean local, boolean remote) {
            this.localTrusted = local;
            this.remoteTrusted = remote;
            return this;
        }

        /**
         * The size of the Media chunks this codec sends, at most 64 KiB (Uplink protocol §1.5);
         * any chunking is accepted when reading.
         *
         * @param chunkSize the size in bytes, from 1 to {@link #CHUNK_SIZE}
         * @return this builder
         */
        public Builder chunkSize(int chunkSize) {
            if (chunkSize < 1 || chunkSize > CHUNK_SIZE) {
                throw new IllegalArgumentException("chunkSize must be between 1 and " + CHUNK_SIZE + ": " + chunkSize);
            }
            this.chunkSize = chunkSize;
            return this;
        }

        /**
         * How task handles and other LiveObjects cross (Uplink protocol §4.6; TASK-17).
         *
         * @param liveObjects the bridge
         * @return this builder
         */
        public Builder liveObjects(LiveObjects liveObjects) {
            this.liveObjects = Objects.requireNonNull(liveObjects, "liveObjects");
            return this;
        }

        /**
         * The largest Media a decoder accepts; a larger one is not delivered and reading it raises
         * {@code anvil.server.InternalError}.
         *
         * @param bytes the limit
         * @return this builder
         */
        public Builder maxMediaBytes(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("maxMediaBytes must not be negative: " + bytes);
            }
            this.maxMediaBytes = bytes;
            return this;
        }

        /**
         * How long a Media transfer may stay idle before {@link Decoder#expireStalledMedia()}
         * fails it with {@code anvil.server.TimeoutError} "Timeout during media transfer" (Uplink
         * protocol §3.6), and the clock that measures it.
         *
         * @param timeout the idle limit
         * @param clock the clock
         * @return this builder
         */
        public Builder mediaTimeout(Duration timeout, Clock clock) {
            this.mediaTimeout = Objects.requireNonNull(timeout, "timeout");
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Builds the codec.
         *
         * @return the codec
         */
        public WireCodec build() {
            return new WireCodec(this);
        }
    }
}
