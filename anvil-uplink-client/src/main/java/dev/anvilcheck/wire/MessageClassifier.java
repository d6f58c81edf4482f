package dev.anvilcheck.wire;

import static dev.anvilcheck.wire.JsonTree.requireString;
import static dev.anvilcheck.wire.JsonTree.stringMap;

import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.SerializationError;
import dev.anvilcheck.server.host.WireError;
import dev.anvilcheck.wire.ObjectsPatcher.DeclaredMedia;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tells the JSON messages of the Uplink protocol apart by their keys and builds the {@link Message}
 * each one is (Uplink protocol §3, §5.1): authentication, output, registrations, task queries,
 * calls, responses, failures, fatal errors, and {@link Message.Unrecognised} for the rest. A call
 * or response has its special values rebuilt by the {@link ObjectsPatcher}, its session's too
 * (§4.7); if it declared Media, it is handed to the {@link MediaAssembler} with the way to build it
 * later, and so are {@code CHUNK_HEADER} and {@code MEDIA_ERROR} messages, which are consumed
 * there. A message with fields of the wrong types raises {@link WireFormatException}, carrying the
 * JSON so a receiver can answer or fail the call it was. Not thread-safe: its {@link Decoder} calls
 * it under its own lock.
 */
final class MessageClassifier {
    private final ObjectsPatcher patcher;
    private final MediaAssembler media;

    MessageClassifier(ObjectsPatcher patcher, MediaAssembler media) {
        this.patcher = patcher;
        this.media = media;
    }

    /**
     * The message a JSON object is, or {@code null} if it was a Media frame's header or error, or
     * is held for its Media.
     *
     * @throws WireFormatException if it is not a valid message
     */
    Message classify(Map<String, Object> json) {
        try {
            return route(json);
        } catch (WireFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new WireFormatException(describe(e), json, e);
        }
    }

    /** The message, or {@code null} if it was consumed here or waits for Media. */
    private Message route(Map<String, Object> json) {
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
                    media.header(json);
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
        List<DeclaredMedia> declared = patcher.apply(json, json.remove("objects"));
        json.remove("vt_global");
        if (declared.isEmpty()) {
            return build(kind, json);
        }
        media.hold(id, json, declared, () -> buildHeld(kind, json));
        return null;
    }

    private Message mediaError(Map<String, Object> json) {
        String requestId = requireString(json, "requestId");
        WireError cause = json.get("cause") instanceof Map<?, ?> c ? error(stringMap(c)).error
                : new WireError(null, String.valueOf(json.get("cause")), List.of());
        return json.get("mediaIds") instanceof List<?> ids ? media.mediaError(requestId, ids, cause) : null;
    }

    /** Builds a message whose Media are all done; a {@link WireFormatException} if it is not valid. */
    private Message buildHeld(String kind, Map<String, Object> json) {
        try {
            return build(kind, json);
        } catch (RuntimeException e) {
            throw new WireFormatException(describe(e), json, e);
        }
    }

    private Message build(String kind, Map<String, Object> json) {
        Object id = json.get("id");
        Object type = json.get("type");
        try {
            return construct(kind, json);
        } catch (RuntimeException e) {
            // construct takes fields out as it reads them: put back the ones that say which message
            // failed, so that its sender is answered rather than disconnected
            if (id != null) {
                json.putIfAbsent("id", id);
            }
            if (type != null) {
                json.putIfAbsent("type", type);
            }
            throw e;
        }
    }

    private Message construct(String kind, Map<String, Object> json) {
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
        if (!patcher.apply(nested, objects).isEmpty()) {
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

    private static String describe(RuntimeException e) {
        return e instanceof SerializationError ? e.getMessage() : "Invalid message: " + e;
    }
}
