package dev.anvilcheck.runtime.internal.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.PortableClasses;
import dev.anvilcheck.server.SerializationError;
import dev.anvilcheck.server.host.WireError;
import dev.anvilcheck.wire.FrameSink;
import dev.anvilcheck.wire.Message;
import dev.anvilcheck.wire.WireCodec;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Values in the control API's JSON exactly as the Uplink wire encodes them, by the wire's own codec
 * ({@link WireCodec}, so what is refused on the wire is refused here with the same
 * {@code SerializationError} and path): a JSON object carries its values as plain JSON, with
 * {@code null} in place of each value JSON cannot hold, and an {@code objects} list whose entries
 * name the {@code path} of each such value from that object and describe it as the wire does
 * ({@code DateTime}, {@code Date}, {@code Long}, {@code DataMedia}, {@code LazyMedia},
 * {@code Capability}, {@code ValueType}, {@code ClassType}, live objects). The one difference: a
 * {@code DataMedia} entry carries its bytes in {@code content}, base64, where the wire sends
 * chunks after the message.
 */
final class WireValues {
    private static final String ID = "control";

    private final WireCodec codec;

    WireValues(ZoneId zone, PortableClasses serverClasses) {
        this.codec = WireCodec.builder().zone(zone).portableClasses(PortableClasses.relaying(serverClasses)).build();
    }

    // ---------------------------------------------------------------- encoding

    /**
     * Writes {@code values} into {@code into}, each under its name, and the {@code objects} list
     * that addresses what plain JSON cannot hold, from {@code into}.
     *
     * @throws SerializationError if a value cannot cross, as the wire refuses it
     */
    void encode(ObjectNode into, Map<String, Object> values) {
        List<String> names = new ArrayList<>(values.keySet());
        Message.Call call = Message.Call.of(ID, ID, new Arguments(new ArrayList<>(values.values()), Map.of()));
        Frames frames = new Frames();
        codec.encode(call).writeTo(frames);
        ObjectNode message = (ObjectNode) ControlJson.read(frames.text);
        ArrayNode args = (ArrayNode) message.get("args");
        for (int i = 0; i < names.size(); i++) {
            into.set(names.get(i), args.get(i));
        }
        ArrayNode objects = into.putArray("objects");
        for (JsonNode entry : message.withArray("objects")) {
            ObjectNode e = ((ObjectNode) entry).deepCopy();
            ArrayNode path = (ArrayNode) e.get("path");
            ArrayNode renamed = JsonNodeFactory.instance.arrayNode();
            renamed.add(names.get(path.get(1).asInt()));
            for (int i = 2; i < path.size(); i++) {
                renamed.add(path.get(i));
            }
            e.set("path", renamed);
            if (e.path("type").path(0).asText().equals("DataMedia")) {
                String id = e.path("id").asText();
                ByteArrayOutputStream bytes = frames.media.get(id);
                if (bytes != null) {
                    e.put("content", Base64.getEncoder().encodeToString(bytes.toByteArray()));
                } else if (frames.failed.containsKey(id)) {
                    e.set("error", frames.failed.get(id));
                }
            }
            objects.add(e);
        }
        if (message.has("vt_global")) {
            into.set("vt_global", message.get("vt_global"));
        }
    }

    /** Writes the wire's error object: {@code type}, {@code message}, {@code trace}. */
    static ObjectNode error(Throwable error) {
        WireError wire = WireError.of(error);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        if (wire.type() != null) {
            out.put("type", wire.type());
        }
        out.put("message", wire.message());
        ArrayNode trace = out.putArray("trace");
        for (WireError.TraceEntry t : wire.trace()) {
            trace.addArray().add(t.file()).add(t.line());
        }
        return out;
    }

    /** Collects the frames of one encoded message: its text, and each Media's bytes by id. */
    private static final class Frames implements FrameSink {
        byte[] text;
        final Map<String, ByteArrayOutputStream> media = new LinkedHashMap<>();
        final Map<String, JsonNode> failed = new LinkedHashMap<>();
        private ByteArrayOutputStream current;

        @Override
        public void text(byte[] utf8) {
            if (text == null) {
                text = utf8;
                return;
            }
            JsonNode frame = ControlJson.read(utf8);
            String type = frame.path("type").asText();
            if (type.equals("CHUNK_HEADER")) {
                current = media.computeIfAbsent(frame.path("mediaId").asText(), k -> new ByteArrayOutputStream());
            } else if (type.equals("MEDIA_ERROR")) {
                for (JsonNode id : frame.path("mediaIds")) {
                    failed.put(id.asText(), frame.path("error"));
                }
            }
        }

        @Override
        public void binary(ByteBuffer bytes) {
            byte[] chunk = new byte[bytes.remaining()];
            bytes.get(chunk);
            current.writeBytes(chunk);
        }
    }

    // ---------------------------------------------------------------- decoding

    /**
     * Reads the values of {@code fields} of a request, with the request's {@code objects} list,
     * as the wire decodes a call's arguments.
     *
     * @param request the request's JSON object
     * @param fields the names of the fields that carry values; an absent one reads as {@code null}
     * @return the values, one per field
     * @throws BadRequest naming {@code objects} if the list is malformed, or naming the field a
     *     value cannot be read for
     */
    List<Object> decode(ObjectNode request, List<String> fields) {
        ObjectNode call = JsonNodeFactory.instance.objectNode();
        ArrayNode args = call.putArray("args");
        for (String f : fields) {
            args.add(request.has(f) ? request.get(f) : JsonNodeFactory.instance.nullNode());
        }
        call.putObject("kwargs");
        ArrayNode objects = JsonNodeFactory.instance.arrayNode();
        for (JsonNode entry : objectsOf(request)) {
            ObjectNode e = ((ObjectNode) entry).deepCopy();
            JsonNode path = e.get("path");
            int index = fields.indexOf(path.path(0).asText());
            if (index < 0) {
                throw new BadRequest(400, "objects", "an entry's path must start with one of " + fields + ": " + path);
            }
            ArrayNode moved = JsonNodeFactory.instance.arrayNode().add("args").add(index);
            for (int i = 1; i < path.size(); i++) {
                moved.add(path.get(i));
            }
            e.set("path", moved);
            objects.add(e);
        }
        call.set("objects", objects);
        try {
            return decodeCall(call).args();
        } catch (SerializationError e) {
            String field = fields.size() == 1 ? fields.get(0) : "objects";
            throw new BadRequest(400, field, e.getMessage());
        }
    }

    /**
     * Reads a call's {@code args}, {@code kwargs} and {@code objects} as the wire decodes a CALL.
     *
     * @param request the request's JSON object
     * @return the arguments
     * @throws SerializationError as the wire refuses a value (e.g. a portable class server code
     *     does not know), with its path
     * @throws BadRequest naming the malformed field
     */
    Arguments decodeArguments(ObjectNode request) {
        ObjectNode call = JsonNodeFactory.instance.objectNode();
        JsonNode args = request.get("args");
        if (args != null && !args.isNull() && !args.isArray()) {
            throw new BadRequest(400, "args", "must be a JSON array of positional arguments");
        }
        JsonNode kwargs = request.get("kwargs");
        if (kwargs != null && !kwargs.isNull() && !kwargs.isObject()) {
            throw new BadRequest(400, "kwargs", "must be a JSON object of keyword arguments");
        }
        call.set("args", args == null || args.isNull() ? JsonNodeFactory.instance.arrayNode() : args);
        call.set("kwargs", kwargs == null || kwargs.isNull() ? JsonNodeFactory.instance.objectNode() : kwargs);
        ArrayNode objects = JsonNodeFactory.instance.arrayNode();
        for (JsonNode entry : objectsOf(request)) {
            String root = entry.path("path").path(0).asText();
            if (!root.equals("args") && !root.equals("kwargs")) {
                throw new BadRequest(400, "objects", "an entry's path must start with \"args\" or \"kwargs\": "
                        + entry.get("path"));
            }
            objects.add(entry);
        }
        call.set("objects", objects);
        return decodeCall(call);
    }

    private static ArrayNode objectsOf(ObjectNode request) {
        JsonNode objects = request.get("objects");
        if (objects == null || objects.isNull()) {
            return JsonNodeFactory.instance.arrayNode();
        }
        if (!objects.isArray()) {
            throw new BadRequest(400, "objects", "must be a JSON array of the wire's object entries");
        }
        int i = 0;
        for (JsonNode entry : objects) {
            if (!entry.isObject() || !entry.path("path").isArray() || entry.path("path").isEmpty()
                    || !entry.path("type").isArray()) {
                throw new BadRequest(400, "objects", "entry " + i + " must be an object with a non-empty \"path\""
                        + " array and a \"type\" array");
            }
            i++;
        }
        return (ArrayNode) objects;
    }

    /** Feeds a CALL (with its Media as chunks) to a decoder of the codec, and takes its arguments. */
    private Arguments decodeCall(ObjectNode call) {
        call.put("type", "CALL");
        call.put("id", ID);
        call.put("command", ID);
        Map<String, byte[]> contents = new LinkedHashMap<>();
        int n = 0;
        for (JsonNode entry : call.withArray("objects")) {
            if (entry.path("type").path(0).asText().equals("DataMedia")) {
                ObjectNode media = (ObjectNode) entry;
                JsonNode content = media.remove("content");
                if (content == null || !content.isTextual()) {
                    throw new BadRequest(400, "objects", "a DataMedia entry needs its bytes in \"content\", base64");
                }
                String id = media.path("id").isTextual() ? media.get("id").asText() : "m" + n;
                media.put("id", id);
                try {
                    contents.put(id, Base64.getDecoder().decode(content.asText()));
                } catch (IllegalArgumentException e) {
                    throw new BadRequest(400, "objects", "the \"content\" of DataMedia " + id + " is not base64: "
                            + e.getMessage());
                }
                n++;
            }
        }
        AtomicReference<Message> delivered = new AtomicReference<>();
        var decoder = codec.newDecoder(delivered::set);
        try {
            decoder.text(ControlJson.write(call));
            for (Map.Entry<String, byte[]> media : contents.entrySet()) {
                decoder.text(codec.encode(new Message.ChunkHeader(ID, media.getKey(), 0, true)).text());
                decoder.binary(ByteBuffer.wrap(media.getValue()));
            }
        } catch (RuntimeException e) {
            SerializationError refusal = serializationError(e);
            if (refusal != null) {
                throw refusal;
            }
            throw new BadRequest(400, "objects", "cannot be read as the wire's values: " + e.getMessage());
        } finally {
            decoder.close();
        }
        if (!(delivered.get() instanceof Message.Call decoded)) {
            throw new BadRequest(400, "objects", "cannot be read as the wire's values (a Media entry's \"id\" may be"
                    + " repeated)");
        }
        return decoded.arguments();
    }

    private static SerializationError serializationError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SerializationError s) {
                return s;
            }
        }
        return null;
    }

    /** @return the names of an object's fields, for messages */
    static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
