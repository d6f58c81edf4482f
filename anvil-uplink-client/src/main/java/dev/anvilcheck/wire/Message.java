package dev.anvilcheck.wire;

import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.host.WireError;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One message of the Anvil Uplink protocol, in either direction (Uplink protocol §2, §3): the
 * client's key, the server's auth reply or fatal error, registrations, calls and their responses,
 * console output, Media chunk headers and errors, and the background-task messages. A message is
 * told apart on the wire by the keys it has, not by one discriminator (§3); {@link WireCodec}
 * encodes each record to exactly the JSON the official client and server exchange, and its
 * {@link Decoder} gives back the record. Values inside calls and responses ({@link Call#arguments()},
 * {@link Response#value()}, the session, extra fields) are the value model's canonical values
 * (SER-01, {@link dev.anvilcheck.value.ValueKind}). Fields a record does not name are kept in its
 * {@code fields} map, so a relay passes them on unchanged.
 *
 * @since 0.1
 */
public sealed interface Message {

    /**
     * The client's first message, {@code {"key": ..., "v": 8}} (Uplink protocol §2.1, UPL-03).
     *
     * @param key the uplink key; a key that is not a string on the wire is read as {@code ""}
     * @param version the protocol version, or {@code null} when {@code v} is not a number
     * @since 0.1
     */
    record Authenticate(String key, Number version) implements Message {
        /** The protocol version the official client sends. */
        public static final int CURRENT_VERSION = 8;

        /**
         * Validates the record.
         *
         * @param key the uplink key
         * @param version the protocol version, or {@code null}
         */
        public Authenticate {
            Objects.requireNonNull(key, "key");
        }
    }

    /**
     * The server's success reply to the key, {@code {"auth": "OK", "priv": ..., "app-info": ...}}
     * (Uplink protocol §2.3, UPL-07, UPL-08).
     *
     * @param privilege {@code "uplink"} for a server key, {@code "client"} for a client key
     * @param appInfo the app's description, e.g. {@code {"id": "", "branch": null, "environment":
     *     {"description": "App Server"}}}; may be empty
     * @since 0.1
     */
    record AuthOk(String privilege, Map<String, Object> appInfo) implements Message {
        /** The privilege of a server uplink: trusted (UPL-08). */
        public static final String SERVER = "uplink";
        /** The privilege of a client uplink: browser-level rights (UPL-07). */
        public static final String CLIENT = "client";

        /**
         * Validates the record.
         *
         * @param privilege the privilege
         * @param appInfo the app's description
         */
        public AuthOk {
            Objects.requireNonNull(privilege, "privilege");
            appInfo = copy(appInfo);
        }
    }

    /**
     * A fatal error, {@code {"error": "<message>"}} without an id, after which the server closes
     * the socket (Uplink protocol §2.4, §3.10; UPL-03, UPL-06).
     *
     * @param message the human-readable message, e.g. {@code Incorrect uplink key}
     * @since 0.1
     */
    record FatalError(String message) implements Message {
        /**
         * Validates the record.
         *
         * @param message the message
         */
        public FatalError {
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * Console output of a function serving the call {@code id}, or an untagged notice when
     * {@code id} is {@code null}: {@code {"id": ..., "output": "..."}} (Uplink protocol §3.8).
     *
     * @param id the call the output belongs to, or {@code null}
     * @param output the text
     * @since 0.1
     */
    record Output(String id, String output) implements Message {
        /**
         * Validates the record.
         *
         * @param id the call, or {@code null}
         * @param output the text
         */
        public Output {
            Objects.requireNonNull(output, "output");
        }
    }

    /**
     * A server uplink provides a function, {@code {"type": "REGISTER", "name": ...}} (Uplink
     * protocol §3.1, UPL-05, UPL-06). Background tasks register as {@code task:<name>}.
     *
     * @param name the registered name
     * @since 0.1
     */
    record Register(String name) implements Message {
        /**
         * Validates the record.
         *
         * @param name the name
         */
        public Register {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * A LiveObject backend registration, {@code {"type": "REGISTER_LIVE_OBJECT_BACKEND", "backend":
     * ...}}, which the official server always refuses (Uplink protocol §3.2).
     *
     * @param backend the backend name
     * @since 0.1
     */
    record RegisterLiveObjectBackend(String backend) implements Message {
        /**
         * Validates the record.
         *
         * @param backend the backend name
         */
        public RegisterLiveObjectBackend {
            Objects.requireNonNull(backend, "backend");
        }
    }

    /**
     * A call, in either direction: {@code {"type": "CALL", "id", "command", "args", "kwargs",
     * ...}}, or a background task's launch, {@code "type": "LAUNCH_BACKGROUND"} (Uplink protocol
     * §3.3, §3.4, §3.9; CALL-03). A call on a LiveObject carries {@code liveObjectCall} instead of
     * {@code command}. Fields the record does not name ({@code call-stack-id},
     * {@code originating-call}, {@code call-stack}, {@code client}, {@code session-id},
     * {@code app-info}, {@code stale-uplink?}, debugger and tracing fields, ...) are in
     * {@code fields}, in their wire form with special values decoded.
     *
     * @param id the call's id, echoed by its response
     * @param background whether this launches a background task ({@code LAUNCH_BACKGROUND})
     * @param command the called name, or {@code null} for a LiveObject call
     * @param liveObjectCall the LiveObject call ({@code id}, {@code backend}, {@code mac},
     *     {@code permissions}, {@code method}), or {@code null}
     * @param arguments the positional and keyword arguments
     * @param session the contents of {@code anvil.server.session} the call runs with, or
     *     {@code null} for none ({@code sessionData}, Uplink protocol §4.7)
     * @param fields every other field of the message
     * @since 0.1
     */
    record Call(String id, boolean background, String command, Map<String, Object> liveObjectCall,
            Arguments arguments, Map<String, Object> session, Map<String, Object> fields) implements Message {
        /**
         * Validates the record.
         *
         * @param id the call's id
         * @param background whether it launches a background task
         * @param command the called name, or {@code null}
         * @param liveObjectCall the LiveObject call, or {@code null}
         * @param arguments the arguments
         * @param session the session contents, or {@code null}
         * @param fields the other fields
         * @throws IllegalArgumentException if neither or both of {@code command} and
         *     {@code liveObjectCall} are given
         */
        public Call {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(arguments, "arguments");
            if ((command == null) == (liveObjectCall == null)) {
                throw new IllegalArgumentException("A call has exactly one of command and liveObjectCall");
            }
            liveObjectCall = liveObjectCall == null ? null : copy(liveObjectCall);
            session = session == null ? null : copy(session);
            fields = copy(fields);
        }

        /**
         * A call of {@code command} with no other fields.
         *
         * @param id the call's id
         * @param command the called name
         * @param arguments the arguments
         * @return the call
         */
        public static Call of(String id, String command, Arguments arguments) {
            return new Call(id, false, command, null, arguments, null, Map.of());
        }

        /**
         * This call with one more field, e.g. {@code withField("call-stack-id", id)}.
         *
         * @param name the field's wire name
         * @param value its value
         * @return the new call
         */
        public Call withField(String name, Object value) {
            return new Call(id, background, command, liveObjectCall, arguments, session, with(fields, name, value));
        }

        /**
         * This call with {@code session} as its session contents.
         *
         * @param session the contents, or {@code null}
         * @return the new call
         */
        public Call withSession(Map<String, Object> session) {
            return new Call(id, background, command, liveObjectCall, arguments, session, fields);
        }

        /**
         * The {@code call-stack-id} the caller gave, which ties a nested call to the call it serves
         * (Uplink protocol §3.4).
         *
         * @return the id, or {@code null}
         */
        public String callStackId() {
            return string(fields, CallContextJson.CALL_STACK_ID);
        }

        /**
         * The {@code originating-call}: the id of the incoming call whose function makes this
         * nested call (Uplink protocol §3.4).
         *
         * @return the id, or {@code null}
         */
        public String originatingCall() {
            return string(fields, CallContextJson.ORIGINATING_CALL);
        }
    }

    /**
     * A successful response, {@code {"id", "response", "objects", ...}} (Uplink protocol §3.5;
     * CALL-04). It never carries a {@code type}. Other fields ({@code cacheUpdates},
     * {@code capUpdates}, {@code taskState}, {@code importDuration}, ...) are in {@code fields}.
     *
     * @param id the id of the call it answers
     * @param value the return value
     * @param session the session contents after the call ({@code sessionData}), or {@code null}
     * @param fields every other field
     * @since 0.1
     */
    record Response(String id, Object value, Map<String, Object> session, Map<String, Object> fields)
            implements Message {
        /**
         * Validates the record.
         *
         * @param id the call's id
         * @param value the return value
         * @param session the session contents, or {@code null}
         * @param fields the other fields
         */
        public Response {
            Objects.requireNonNull(id, "id");
            session = session == null ? null : copy(session);
            fields = copy(fields);
        }

        /**
         * A response with a value and nothing else.
         *
         * @param id the call's id
         * @param value the return value
         * @return the response
         */
        public static Response of(String id, Object value) {
            return new Response(id, value, null, Map.of());
        }
    }

    /**
     * An error response, {@code {"id", "error": {"type", "message", "trace", ...}}} (Uplink
     * protocol §3.5, §5.1; ERR-01..05, ERR-11). Keys of the error object other than type, message
     * and trace (such as {@code docId}) are kept in {@code errorFields}; other fields of the message
     * (such as {@code taskState}) in {@code fields}.
     *
     * @param id the id of the call it answers
     * @param error the error's type (or {@code null}), message and trace
     * @param errorFields the error object's other keys
     * @param fields the message's other fields
     * @since 0.1
     */
    record Failure(String id, WireError error, Map<String, Object> errorFields, Map<String, Object> fields)
            implements Message {
        /**
         * Validates the record.
         *
         * @param id the call's id
         * @param error the error
         * @param errorFields the error's other keys
         * @param fields the other fields
         */
        public Failure {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(error, "error");
            errorFields = copy(errorFields);
            fields = copy(fields);
        }

        /**
         * An error response with nothing but the error.
         *
         * @param id the call's id
         * @param error the error
         * @return the response
         */
        public static Failure of(String id, WireError error) {
            return new Failure(id, error, Map.of(), Map.of());
        }
    }

    /**
     * The header of one Media chunk, {@code {"type": "CHUNK_HEADER", "requestId", "mediaId",
     * "chunkIndex", "lastChunk"}}, followed on the wire by one binary frame (Uplink protocol §3.6;
     * MEDIA-02). {@link WireCodec} writes and reads these itself; the record exists so that tests
     * can send one on its own.
     *
     * @param requestId the id of the message that declared the Media
     * @param mediaId the Media's id in that message
     * @param chunkIndex the chunk's index, from 0
     * @param lastChunk whether this is the Media's last chunk
     * @since 0.1
     */
    record ChunkHeader(String requestId, String mediaId, long chunkIndex, boolean lastChunk) implements Message {
        /**
         * Validates the record.
         *
         * @param requestId the declaring message's id
         * @param mediaId the Media's id
         * @param chunkIndex the index
         * @param lastChunk whether it is the last chunk
         */
        public ChunkHeader {
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(mediaId, "mediaId");
        }
    }

    /**
     * Media that will not be delivered, {@code {"type": "MEDIA_ERROR", "requestId", "mediaIds",
     * "cause"}}: reading them raises {@code cause} (Uplink protocol §3.7; MEDIA-03).
     *
     * @param requestId the id of the message that declared them
     * @param mediaIds the Media's ids
     * @param cause the error
     * @since 0.1
     */
    record MediaError(String requestId, List<String> mediaIds, WireError cause) implements Message {
        /**
         * Validates the record.
         *
         * @param requestId the declaring message's id
         * @param mediaIds the Media's ids
         * @param cause the error
         */
        public MediaError {
            Objects.requireNonNull(requestId, "requestId");
            mediaIds = List.copyOf(mediaIds);
            Objects.requireNonNull(cause, "cause");
        }
    }

    /**
     * The server asks an uplink for the state of a background task it runs, {@code {"type":
     * "GET_TASK_STATE", "id", "task"}} (Uplink protocol §3.9; TASK-06).
     *
     * @param id the query's id, echoed by the response
     * @param task the task's launch id
     * @since 0.1
     */
    record GetTaskState(String id, String task) implements Message {
        /**
         * Validates the record.
         *
         * @param id the query's id
         * @param task the task's id
         */
        public GetTaskState {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(task, "task");
        }
    }

    /**
     * The server asks an uplink to kill a task, {@code {"type": "KILL_TASK", "task"}}; uplinks
     * cannot kill their tasks and do not reply (Uplink protocol §3.9; TASK-18).
     *
     * @param task the task's launch id
     * @since 0.1
     */
    record KillTask(String task) implements Message {
        /**
         * Validates the record.
         *
         * @param task the task's id
         */
        public KillTask {
            Objects.requireNonNull(task, "task");
        }
    }

    /**
     * A JSON message of no kind this protocol knows, e.g. an unknown {@code type}; receivers log
     * and ignore it, as the official client and server do (Uplink protocol §3).
     *
     * @param json the message as received
     * @since 0.1
     */
    record Unrecognised(Map<String, Object> json) implements Message {
        /**
         * Copies the message.
         *
         * @param json the message
         */
        public Unrecognised {
            json = copy(json);
        }
    }

    private static Map<String, Object> copy(Map<String, Object> map) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    private static Map<String, Object> with(Map<String, Object> map, String name, Object value) {
        Map<String, Object> out = new LinkedHashMap<>(map);
        out.put(Objects.requireNonNull(name, "name"), value);
        return out;
    }

    private static String string(Map<String, Object> map, String key) {
        return map.get(key) instanceof String s ? s : null;
    }
}
