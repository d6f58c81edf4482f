package dev.anvilcheck.soak.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Pattern;

/**
 * The seeded generator of Uplink frames (Uplink protocol §2..§4): for each fuzz connection, by its
 * index, a {@link Script} of messages that is the same for the same seed and index whatever the
 * threads do. A script opens with the key of its {@link KeyKind} (or, for {@link KeyKind#NONE},
 * with a protocol violation), then draws valid messages (CALLs with arguments, keyword arguments
 * and special values, CALLs with DataMedia and their chunks, responses and failures, REGISTERs,
 * heartbeats, private commands, task queries, MEDIA_ERROR, output), mutates some of them (fields
 * dropped, retyped or renamed, ids reused, numbers made NaN, 1e999, huge or negative, bytes
 * truncated, flipped or inserted), and mixes in junk (random text and binary, invalid UTF-8), deep
 * nesting, malformed WebSocket framing, fragments and pings. The only input that is not seeded is
 * the ids of the CALLs the server sends to the connection, which a script answers when it has them.
 * REGISTERs are kept from taking over the functions the steady client and the probes call.
 *
 * @since 0.1
 */
public final class FrameGenerator {
    /** Names a fuzz REGISTER must not take over: what the steady client and the probes call. */
    static final List<String> PROTECTED = List.of("echo", "sleep", "media_echo", "http:/echo", "route:/echo",
            "route:/", "anvil.private.echo");

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String[] PRIVATE = {
        "anvil.private.echo", "anvil.private.get_app_origin", "anvil.private.get_api_origin",
        "anvil.private.fetch_lazy_media", "anvil.private.switch_session!", "anvil.private.get_session_id",
        "anvil.private.get_cookie", "anvil.private.set_cookie", "anvil.private.del_cookie",
        "anvil.private.clear_cookie", "anvil.private.raise_event", "anvil.private.list_sessions",
        "anvil.private.get_session_data", "anvil.private.subscribe", "anvil.private.unsubscribe",
        "anvil.private.get_subscriptions", "anvil.private.users.get_current_user",
        "anvil.private.users.login_with_email", "anvil.private.background_tasks.launch",
        "anvil.private.background_tasks.get_by_id", "anvil.private.background_tasks.list",
        "anvil.private.invalidate_client_objects", "anvil.private.no_such_command"
    };
    private static final String[] ODD_COMMANDS = {
        "no_such_fn", "task:nothing", "http:/echo", "route:/echo", "anvil.server_side/x.Y.m", "", "echo ",
        "ECHO", ".*", "http-wellknown:/x", "anvil.private.", "task:", "\u0000", "\ud800"
    };
    private static final Object[] BAD_NUMBERS = {
        new Json.Raw("NaN"), new Json.Raw("Infinity"), new Json.Raw("-Infinity"), new Json.Raw("1e999"),
        new Json.Raw("-1e999"), new Json.Raw("1.5e-400"), new Json.Raw("-0"), new Json.Raw("-0.0"),
        new Json.Raw("9223372036854775808"), new Json.Raw("-9223372036854775809"),
        new Json.Raw("1" + "0".repeat(400)), new Json.Raw("-" + "9".repeat(300) + ".5"), -1, -2147483649L,
        2147483648L, Long.MAX_VALUE, Long.MIN_VALUE, 1e308, -1e308, 4.9e-324, 0.1
    };
    private static final String[] SPECIAL_TYPES = {
        "Long", "Float", "Date", "DateTime", "Capability", "ValueType", "ClassType", "LazyMedia", "LiveObject",
        "DataMedia", "Primitive", "Unknown"
    };

    private final long seed;
    private final boolean largeMedia;

    /**
     * A generator for {@code seed}.
     *
     * @param seed the run's seed ({@code --seed})
     * @since 0.1
     */
    public FrameGenerator(long seed) {
        this(seed, true);
    }

    /**
     * A generator for {@code seed} that, without {@code largeMedia}, keeps every Media under 48 KiB
     * and sends no 1 to 4 MiB frames, so that no answer exceeds Netty's 64 KiB write buffer (the
     * CI sample, while finding S1 of soak/README.md is open).
     *
     * @param seed the run's seed
     * @param largeMedia whether Media and frames may be large
     * @since 0.1
     */
    public FrameGenerator(long seed, boolean largeMedia) {
        this.seed = seed;
        this.largeMedia = largeMedia;
    }

    /**
     * The script of fuzz connection {@code index}: the same for the same seed and index.
     *
     * @param index the connection's index, from 1
     * @return its script
     * @since 0.1
     */
    public Script script(long index) {
        return new Script(index, new Random(new SplittableRandom(seed ^ (index * 0x9E3779B97F4A7C15L)).nextLong()),
                largeMedia);
    }

    /**
     * Which key a connection gives first.
     *
     * @since 0.1
     */
    public enum KeyKind {
        /** The server uplink key: a trusted uplink. */
        SERVER,
        /** The client uplink key: an untrusted uplink. */
        CLIENT,
        /** A key the server does not know. */
        WRONG,
        /** No key: the first message is something else (a call, a chunk, junk). */
        NONE,
        /** Nothing at all: the connection is opened and closed without a message. */
        SILENT
    }

    /**
     * How the harness ends a connection it opened.
     *
     * @since 0.1
     */
    public enum Ending {
        /** A WebSocket close frame, then the socket is closed. */
        CLOSE_FRAME,
        /** The socket is closed without a close frame (a FIN). */
        FIN,
        /** The socket is reset (SO_LINGER 0). */
        RESET
    }

    /**
     * Whether a text frame is a REGISTER that would take over a protected name; such a frame is
     * never sent as it is.
     *
     * @param text the frame's bytes
     * @return whether it must be changed
     * @since 0.1
     */
    public static boolean takesOverProtected(byte[] text) {
        if (!contains(text, "EGISTER")) {
            return false;
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (Exception e) {
            return false;
        }
        if (node == null || !node.isObject() || !"REGISTER".equals(node.path("type").asText(null))) {
            return false;
        }
        JsonNode name = node.get("name");
        if (name == null || !name.isTextual()) {
            return false;
        }
        Pattern p;
        try {
            p = Pattern.compile(name.asText());
        } catch (RuntimeException | StackOverflowError e) {
            return false;
        }
        for (String s : PROTECTED) {
            try {
                if (p.matcher(s).matches()) {
                    return true;
                }
            } catch (StackOverflowError e) {
                return true;
            }
        }
        return false;
    }

    /** A mutable list that may hold {@code null}s. */
    static List<Object> list(Object... items) {
        return new ArrayList<>(Arrays.asList(items));
    }

    private static boolean contains(byte[] haystack, String needle) {
        byte[] n = needle.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i <= haystack.length - n.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (haystack[i + j] != n[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * The messages of one fuzz connection, drawn one at a time. Not thread-safe, apart from
     * {@link #serverCalled(String)}, which the connection's reader calls.
     *
     * @since 0.1
     */
    public static final class Script {
        private final long index;
        private final Random r;
        private final KeyKind key;
        private final Ending ending;
        private final int length;
        private final ArrayDeque<Frame> queued = new ArrayDeque<>();
        private final List<String> ids = new ArrayList<>();
        private final List<String> registered = new ArrayList<>();
        private final Queue<String> serverCalls = new ConcurrentLinkedQueue<>();
        private final boolean largeMedia;
        private int produced;
        private int idCounter;

        Script(long index, Random r, boolean largeMedia) {
            this.index = index;
            this.r = r;
            this.largeMedia = largeMedia;
            int k = r.nextInt(100);
            this.key = k < 45 ? KeyKind.SERVER : k < 70 ? KeyKind.CLIENT : k < 83 ? KeyKind.WRONG
                    : k < 95 ? KeyKind.NONE : KeyKind.SILENT;
            int e = r.nextInt(10);
            this.ending = e < 5 ? Ending.CLOSE_FRAME : e < 8 ? Ending.FIN : Ending.RESET;
            this.length = switch (key) {
                case SERVER, CLIENT -> 1 + (int) Math.min(1500, -Math.log(1 - r.nextDouble()) * 120);
                case WRONG -> 1 + r.nextInt(4);
                case NONE -> 1 + r.nextInt(3);
                case SILENT -> 0;
            };
        }

        /**
         * @return the connection's index
         * @since 0.1
         */
        public long index() {
            return index;
        }

        /**
         * @return the key it gives first
         * @since 0.1
         */
        public KeyKind key() {
            return key;
        }

        /**
         * @return how the harness ends it
         * @since 0.1
         */
        public Ending ending() {
            return ending;
        }

        /**
         * How long a {@link KeyKind#SILENT} connection is held open, in milliseconds.
         *
         * @return at most 200
         * @since 0.1
         */
        public int silentMillis() {
            return (int) (index % 201);
        }

        /**
         * The server sent the connection a CALL with {@code id}; the script may answer it.
         *
         * @param id the call's id
         * @since 0.1
         */
        public void serverCalled(String id) {
            if (serverCalls.size() < 64) {
                serverCalls.add(id);
            }
        }

        /**
         * The next frame, or {@code null} once the script is done.
         *
         * @return the frame
         * @since 0.1
         */
        public Frame next() {
            if (!queued.isEmpty()) {
                return queued.poll();
            }
            if (produced >= length) {
                return null;
            }
            produced++;
            Frame f = produced == 1 ? opening() : draw();
            if (f.kind() == Frame.Kind.TEXT && takesOverProtected(f.payload())) {
                return Frame.text(Json.bytes(map("type", "REGISTER", "name", "fz_guarded_" + index)), "register-guarded");
            }
            return f;
        }

        /**
         * A frame over the 16 MiB limit, which the server must refuse by closing the connection
         * (Uplink protocol §1.5).
         *
         * @return a text frame of 16 MiB and 1 KiB
         * @since 0.1
         */
        public Frame oversize() {
            byte[] bytes = new byte[16 * 1024 * 1024 + 1024];
            byte[] head = ("{\"type\":\"CALL\",\"id\":\"" + newId() + "\",\"command\":\"echo\",\"kwargs\":{},\"args\":[\"")
                    .getBytes(StandardCharsets.US_ASCII);
            Arrays.fill(bytes, (byte) 'x');
            System.arraycopy(head, 0, bytes, 0, head.length);
            bytes[bytes.length - 2] = '"';
            bytes[bytes.length - 1] = ']';
            // not closed with '}': the server must stop at the size, before it parses
            return Frame.text(bytes, "oversize");
        }

        // ------------------------------------------------------------------ the first frame

        private Frame opening() {
            switch (key) {
                case SERVER -> {
                    return keyFrame("SOAK-SERVER-KEY");
                }
                case CLIENT -> {
                    return keyFrame("SOAK-CLIENT-KEY");
                }
                case WRONG -> {
                    return keyFrame(r.nextBoolean() ? "wrong-key-" + index : "SOAK-SERVER-KEY ");
                }
                default -> {
                    int v = r.nextInt(6);
                    return switch (v) {
                        case 0 -> Frame.text(Json.bytes(call("echo", list(1))), "violation-call-before-key");
                        case 1 -> Frame.binary(randomBytes(1 + r.nextInt(100)), "violation-binary-first");
                        case 2 -> Frame.text(Json.bytes(map("type", "REGISTER", "name", "fz_" + index)),
                                "violation-register-before-key");
                        case 3 -> Frame.text(Json.bytes(chunkHeader(newId(), newId(), 0, true)),
                                "violation-chunk-before-key");
                        case 4 -> Frame.text(Json.bytes(map("id", newId(), "response", 1)),
                                "violation-response-before-key");
                        default -> junkText();
                    };
                }
            }
        }

        private Frame keyFrame(String k) {
            Map<String, Object> m = map("key", k, "v", 8);
            if (r.nextInt(10) == 0) {
                int v = r.nextInt(8);
                switch (v) {
                    case 0 -> m.put("v", 7);
                    case 1 -> m.put("v", 5);
                    case 2 -> m.put("v", 4);
                    case 3 -> m.put("v", "8");
                    case 4 -> m.put("v", BAD_NUMBERS[r.nextInt(BAD_NUMBERS.length)]);
                    case 5 -> m.remove("v");
                    case 6 -> m.put("key", r.nextBoolean() ? null : 12345);
                    default -> m.put("extra", randomValue(2));
                }
                return Frame.text(Json.bytes(m), "key-mutated");
            }
            return Frame.text(Json.bytes(m), "key");
        }

        // ------------------------------------------------------------------ later frames

        private Frame draw() {
            int p = r.nextInt(1000);
            if (p < 3) {
                return deepNesting();
            }
            if (p < 4) {
                return largeMedia ? large() : junk();
            }
            if (p < 14) {
                return framing();
            }
            if (p < 30) {
                return junk();
            }
            if (p < 50) {
                return fragmented();
            }
            if (p < 55) {
                return new Frame(Frame.Kind.PING, randomBytes(r.nextInt(126)), "ping", 1);
            }
            Message m = message();
            int mutate = r.nextInt(100);
            if (mutate < 22) {
                mutateTree(m.json(), 1 + r.nextInt(3));
                return Frame.text(Json.bytes(m.json()), "mutated-" + m.category());
            }
            byte[] bytes = Json.bytes(m.json());
            if (mutate < 30) {
                return mutateBytes(bytes, m.category());
            }
            return Frame.text(bytes, m.category());
        }

        private record Message(Map<String, Object> json, String category) {}

        private Message message() {
            String call = serverCalls.peek();
            int p = r.nextInt(100);
            if (call != null && p < 25) {
                serverCalls.poll();
                return answer(call);
            }
            if (p < 36) {
                return new Message(call("echo", list(randomValue(3))), "call-echo");
            }
            if (p < 44) {
                List<Object> args = r.nextInt(8) == 0 ? list(randomValue(1)) : list(r.nextDouble() * 0.1);
                return new Message(call("sleep", args), "call-sleep");
            }
            if (p < 52) {
                return mediaCall();
            }
            if (p < 58) {
                return new Message(call("anvil.private.echo", list("keep-alive")), "heartbeat");
            }
            if (p < 64) {
                return new Message(call(PRIVATE[r.nextInt(PRIVATE.length)], randomArgs()), "call-private");
            }
            if (p < 68) {
                return new Message(call(ODD_COMMANDS[r.nextInt(ODD_COMMANDS.length)], randomArgs()), "call-odd");
            }
            if (p < 71 && !registered.isEmpty()) {
                // the server calls this connection back: its replies are answered later
                return new Message(call(registered.get(r.nextInt(registered.size())), randomArgs()), "call-registered");
            }
            if (p < 73) {
                return new Message(callWithSpecials(), "call-specials");
            }
            if (p < 75) {
                Map<String, Object> m = call(null, randomArgs());
                m.remove("command");
                m.put("liveObjectCall", map("id", newId(), "backend", "anvil.tables.Row", "mac", "x",
                        "permissions", list("r"), "method", "__getitem__"));
                return new Message(m, "call-live-object");
            }
            if (p < 79) {
                String name = switch (r.nextInt(6)) {
                    case 0 -> "fz_((";
                    case 1 -> "http:/fz/" + index + "/.*";
                    case 2 -> "route:/fz" + index;
                    default -> "fz_" + index + "_" + r.nextInt(4);
                };
                if (!name.contains("((")) {
                    registered.add(name.startsWith("fz_") ? name : "fz_none");
                }
                return new Message(map("type", "REGISTER", "name", name), "register");
            }
            if (p < 80) {
                return new Message(map("type", "REGISTER_LIVE_OBJECT_BACKEND", "backend", "fz.Backend"), "register-backend");
            }
            if (p < 84) {
                return new Message(map("id", reusedOrNewId(), "response", randomValue(2), "objects", list()),
                        "response-unknown");
            }
            if (p < 87) {
                return new Message(map("id", reusedOrNewId(), "error", errorObj(), "objects", list()),
                        "failure-unknown");
            }
            if (p < 89) {
                return new Message(map("type", "GET_TASK_STATE", "id", newId(), "task", "bg-" + newId()), "task-query");
            }
            if (p < 90) {
                return new Message(map("type", "KILL_TASK", "task", "bg-" + newId()), "kill-task");
            }
            if (p < 92) {
                return new Message(map("type", "MEDIA_ERROR", "requestId", reusedOrNewId(), "mediaIds",
                        list(newId()), "cause", errorObj()), "media-error");
            }
            if (p < 94) {
                return new Message(chunkHeader(reusedOrNewId(), newId(), r.nextInt(3), r.nextBoolean()),
                        "chunk-unknown-media");
            }
            if (p < 95) {
                return new Message(map("id", reusedOrNewId(), "output", "printed\n"), "output");
            }
            if (p < 96) {
                return new Message(map("key", "SOAK-SERVER-KEY", "v", 8), "key-again");
            }
            if (p < 97) {
                return new Message(map("error", "fatal from the client"), "fatal-from-client");
            }
            return new Message(map("type", pick("HEARTBEAT", "CALL_LOCAL", "PING", "SET_SESSION", "DRAIN", ""),
                    "id", newId()), "unrecognised");
        }

        /** A reply to a CALL the server made to this connection: valid, a failure, or broken. */
        private Message answer(String id) {
            int p = r.nextInt(10);
            if (p < 5) {
                return new Message(map("id", id, "response", randomValue(2), "sessionData",
                        map("session", map(), "objects", list()), "cacheUpdates", map(), "objects", list()),
                        "response-to-server");
            }
            if (p < 7) {
                return new Message(map("id", id, "error", errorObj(), "objects", list()), "failure-to-server");
            }
            if (p < 8) {
                // a reply with Media: the chunks follow
                String media = newId();
                Map<String, Object> m = map("id", id, "response", null, "objects", list(map("type",
                        list("DataMedia"), "path", list("response"), "id", media, "mime-type", "text/plain",
                        "name", "r.txt")));
                queueChunks(id, media, 1 + r.nextInt(3), r.nextInt(6) != 0);
                return new Message(m, "response-to-server-media");
            }
            Map<String, Object> m = map("id", id, "response", randomValue(1), "sessionData", randomValue(1),
                    "objects", r.nextBoolean() ? randomValue(1) : list(special(list("response"))));
            return new Message(m, "response-to-server-broken");
        }

        private Message mediaCall() {
            String id = newId();
            int n = 1 + r.nextInt(r.nextInt(5) == 0 ? 3 : 1);
            List<Object> args = new ArrayList<>();
            List<Object> objects = new ArrayList<>();
            List<String> media = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                args.add(null);
                String m = newId();
                media.add(m);
                objects.add(map("type", list("DataMedia"), "path", list("args", i), "id", m,
                        "mime-type", pick("application/octet-stream", "text/plain", "", "\u0000/x"),
                        "name", r.nextBoolean() ? null : "f" + i + ".bin"));
            }
            Map<String, Object> call = call(n == 1 ? "media_echo" : "echo", args);
            call.put("id", id);
            call.put("objects", objects);
            for (String m : media) {
                int variant = r.nextInt(20);
                boolean finish = variant != 0; // 1 in 20 never finishes (unfinished Media)
                queueChunks(id, variant == 1 ? newId() : m, 1 + r.nextInt(3), finish);
                if (variant == 2) {
                    queued.add(Frame.binary(randomBytes(r.nextInt(64)), "chunk-binary-without-header"));
                }
                if (variant == 3) {
                    queued.add(Frame.text(Json.bytes(chunkHeader(id, m, 0, true)), "chunk-header-twice"));
                    queued.add(Frame.text(Json.bytes(chunkHeader(id, m, 1, true)), "chunk-header-twice"));
                }
            }
            return new Message(call, "call-media");
        }

        private void queueChunks(String requestId, String mediaId, int chunks, boolean finish) {
            for (int i = 0; i < chunks; i++) {
                boolean last = finish && i == chunks - 1;
                queued.add(Frame.text(Json.bytes(chunkHeader(requestId, mediaId, i, last)), "chunk-header"));
                int size = r.nextInt(10) < 7 ? r.nextInt(1024) : r.nextInt(20) == 0 ? 65_536 + r.nextInt(200_000)
                        : r.nextInt(65_537);
                if (!largeMedia) {
                    size = Math.min(size, 16_000);
                }
                queued.add(Frame.binary(randomBytes(size), "chunk-binary"));
            }
        }

        private Map<String, Object> callWithSpecials() {
            List<Object> args = new ArrayList<>();
            int n = 1 + r.nextInt(3);
            List<Object> objects = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                args.add(null);
                objects.add(special(list("args", r.nextInt(8) == 0 ? 7 : i)));
            }
            Map<String, Object> call = call("echo", list(args));
            for (Object o : objects) {
                @SuppressWarnings("unchecked")
                Map<String, Object> entry = (Map<String, Object>) o;
                List<Object> path = new ArrayList<>(list("args", 0));
                @SuppressWarnings("unchecked")
                List<Object> inner = (List<Object>) entry.get("path");
                path.add(inner.get(1));
                entry.put("path", r.nextInt(10) == 0 ? randomValue(1) : path);
            }
            call.put("objects", objects);
            if (r.nextInt(4) == 0) {
                call.put("vt_global", r.nextBoolean() ? map("k", randomValue(1)) : list(":k", 1, "x.Y", randomValue(1)));
            }
            return call;
        }

        /** An entry of an {@code objects} list at {@code path}: valid or not (Uplink protocol §4.2). */
        private Map<String, Object> special(List<Object> path) {
            String type = SPECIAL_TYPES[r.nextInt(SPECIAL_TYPES.length)];
            Map<String, Object> m = map("type", list(type), "path", path);
            boolean valid = r.nextBoolean();
            switch (type) {
                case "Long" -> m.put("value", valid ? "123456789012345678901234567890" : randomValue(0));
                case "Float" -> m.put("value", valid ? pick("NaN", "Infinity", "-Infinity") : pick("nan", "1.5", ""));
                case "Date" -> m.put("value", valid ? "2024-02-29" : pick("2024-02-30", "99999-01-01", "x", ""));
                case "DateTime" -> m.put("value", valid ? "2020-01-02 03:04:05.000000+0000"
                        : pick("2020-01-02 03:04:05Z", "2020-01-02 03:04:05.000000+9999", "2020-13-45 99:99:99.000000",
                                "2020-01-02"));
                case "Capability" -> {
                    m.put("scope", valid ? list("fz", index) : randomValue(1));
                    m.put("mac", r.nextBoolean() ? null : "deadbeef");
                    if (r.nextBoolean()) {
                        m.put("narrow", list("n"));
                    }
                }
                case "ValueType", "ClassType" -> m.put("typeName", valid ? "fz.Unknown" : randomValue(0));
                case "LazyMedia" -> {
                    m.put("manager", "fz");
                    m.put("key", "k" + index);
                    m.put("id", newId());
                    m.put("mime-type", "text/plain");
                    m.put("length", valid ? 5 : BAD_NUMBERS[r.nextInt(BAD_NUMBERS.length)]);
                    m.put("name", null);
                }
                case "LiveObject" -> {
                    m.put("backend", "anvil.tables.Row");
                    m.put("id", "[1,2]");
                    m.put("permissions", list("r"));
                    m.put("mac", "x");
                    m.put("methods", list("__getitem__"));
                }
                case "DataMedia" -> {
                    // declared, never sent: the message waits for it until the connection closes
                    m.put("id", newId());
                    m.put("mime-type", "text/plain");
                }
                case "Primitive" -> m.put("value", randomValue(1));
                default -> m.put("type", r.nextBoolean() ? list() : "Long");
            }
            return m;
        }

        // ------------------------------------------------------------------ mutations

        private void mutateTree(Map<String, Object> json, int times) {
            for (int t = 0; t < times; t++) {
                Map<String, Object> target = json;
                // sometimes mutate a nested object (kwargs, an objects entry, an error)
                for (Object v : new ArrayList<>(json.values())) {
                    if (v instanceof Map<?, ?> nested && r.nextInt(4) == 0) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> n = (Map<String, Object>) nested;
                        target = n;
                    } else if (v instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> first
                            && r.nextInt(4) == 0) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> n = (Map<String, Object>) first;
                        target = n;
                    }
                }
                List<String> keys = new ArrayList<>(target.keySet());
                String k = keys.isEmpty() ? "type" : keys.get(r.nextInt(keys.size()));
                switch (r.nextInt(8)) {
                    case 0 -> target.remove(k);
                    case 1 -> target.put(k, randomValue(2));
                    case 2 -> {
                        Object v = target.remove(k);
                        target.put(pick(k.toUpperCase(java.util.Locale.ROOT), k + "_", "_" + k, k.replace('-', '_'),
                                "", k + "\u0000"), v);
                    }
                    case 3 -> target.put(k, BAD_NUMBERS[r.nextInt(BAD_NUMBERS.length)]);
                    case 4 -> target.put(pick("id", "requestId", "originating-call", "call-stack-id"),
                            reusedOrNewId());
                    case 5 -> target.put("type", pick("CALL", "CHUNK_HEADER", "REGISTER", "MEDIA_ERROR",
                            "LAUNCH_BACKGROUND", "GET_TASK_STATE", "KILL_TASK", "call", null));
                    case 6 -> target.put(k, r.nextBoolean() ? list() : map());
                    default -> target.put(k, r.nextBoolean() ? null : String.valueOf(target.get(k)));
                }
            }
        }

        private Frame mutateBytes(byte[] bytes, String category) {
            switch (r.nextInt(6)) {
                case 0 -> {
                    return Frame.text(Arrays.copyOf(bytes, r.nextInt(Math.max(1, bytes.length))), "truncated-" + category);
                }
                case 1 -> {
                    byte[] b = bytes.clone();
                    for (int i = 0; i < 1 + r.nextInt(4); i++) {
                        b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(7));
                    }
                    return Frame.text(b, "flipped-" + category);
                }
                case 2 -> {
                    int at = r.nextInt(bytes.length + 1);
                    byte[] ins = randomBytes(1 + r.nextInt(8));
                    byte[] b = new byte[bytes.length + ins.length];
                    System.arraycopy(bytes, 0, b, 0, at);
                    System.arraycopy(ins, 0, b, at, ins.length);
                    System.arraycopy(bytes, at, b, at + ins.length, bytes.length - at);
                    return Frame.text(b, "inserted-" + category);
                }
                case 3 -> {
                    byte[] b = Arrays.copyOf(bytes, bytes.length + 3);
                    b[bytes.length] = ' ';
                    b[bytes.length + 1] = '{';
                    b[bytes.length + 2] = '}';
                    return Frame.text(b, "trailing-" + category);
                }
                case 4 -> {
                    return Frame.binary(bytes, "as-binary-" + category);
                }
                default -> {
                    byte[] b = bytes.clone();
                    b[r.nextInt(b.length)] = (byte) (int) pick(0xff, 0xc3, 0xed, 0xf8, 0x80);
                    return Frame.text(b, "invalid-utf8-" + category);
                }
            }
        }

        // ------------------------------------------------------------------ junk, nesting, framing

        private Frame junk() {
            return switch (r.nextInt(3)) {
                case 0 -> junkText();
                case 1 -> Frame.binary(randomBytes(r.nextInt(2048)), "junk-binary");
                default -> {
                    byte[] b = new byte[1 + r.nextInt(64)];
                    for (int i = 0; i < b.length; i++) {
                        b[i] = (byte) (0x20 + r.nextInt(95));
                    }
                    yield Frame.text(b, "junk-ascii");
                }
            };
        }

        private Frame junkText() {
            return Frame.text(randomBytes(1 + r.nextInt(256)), "junk-text");
        }

        private Frame deepNesting() {
            int depth = pick(500, 999, 1000, 1001, 10_000, 10_000);
            boolean arrays = r.nextBoolean();
            StringBuilder s = new StringBuilder(depth * 6 + 100);
            s.append("{\"type\":\"CALL\",\"id\":\"").append(newId()).append("\",\"command\":\"echo\",\"kwargs\":{},\"args\":[");
            for (int i = 0; i < depth; i++) {
                s.append(arrays ? "[" : "{\"a\":");
            }
            s.append('1');
            for (int i = 0; i < depth; i++) {
                s.append(arrays ? "]" : "}");
            }
            s.append("],\"objects\":[]}");
            return Frame.text(s.toString().getBytes(StandardCharsets.US_ASCII), "deep-nesting-" + depth);
        }

        private Frame large() {
            int size = (1 + r.nextInt(4)) * 1024 * 1024;
            byte[] b = new byte[size];
            byte[] head = ("{\"type\":\"CALL\",\"id\":\"" + newId() + "\",\"command\":\"echo\",\"kwargs\":{},"
                    + "\"objects\":[],\"args\":[\"").getBytes(StandardCharsets.US_ASCII);
            Arrays.fill(b, (byte) 'y');
            System.arraycopy(head, 0, b, 0, head.length);
            b[size - 3] = '"';
            b[size - 2] = ']';
            b[size - 1] = '}';
            return Frame.text(b, "large");
        }

        /** A WebSocket frame that breaks RFC 6455 itself, written as raw bytes. */
        private Frame framing() {
            byte[] payload = Json.bytes(call("echo", list("framing")));
            int v = r.nextInt(10);
            return switch (v) {
                case 0 -> raw(0x81, payload, false, "framing-unmasked");
                case 1 -> raw(0x81 | 0x40, payload, true, "framing-rsv1");
                case 2 -> raw(0x80 | pick(3, 4, 5, 6, 7, 0xB, 0xC, 0xF), payload, true, "framing-reserved-opcode");
                case 3 -> raw(0x80, payload, true, "framing-continuation-without-start");
                case 4 -> raw(0x89, randomBytes(126 + r.nextInt(200)), true, "framing-control-too-long");
                case 5 -> raw(0x09, new byte[0], true, "framing-fragmented-ping");
                case 6 -> raw(0x88, new byte[] {(byte) 0x03, (byte) 0xED}, true, "framing-close-code-1005");
                case 7 -> raw(0x88, new byte[] {1}, true, "framing-close-one-byte");
                case 8 -> {
                    // a 64-bit length with its top bit set
                    byte[] b = {(byte) 0x81, (byte) (0x80 | 127), (byte) 0x80, 0, 0, 0, 0, 0, 0, 1, 1, 2, 3, 4};
                    yield new Frame(Frame.Kind.RAW, b, "framing-negative-length", 1);
                }
                default -> {
                    // a text message begun and a new one started before it ends
                    byte[] first = raw(0x01, payload, true, "").payload();
                    byte[] second = raw(0x81, payload, true, "").payload();
                    byte[] b = Arrays.copyOf(first, first.length + second.length);
                    System.arraycopy(second, 0, b, first.length, second.length);
                    yield new Frame(Frame.Kind.RAW, b, "framing-interleaved-message", 1);
                }
            };
        }

        private Frame fragmented() {
            Message m = message();
            byte[] bytes = Json.bytes(m.json());
            return new Frame(Frame.Kind.TEXT, bytes, "fragmented-" + m.category(), 2 + r.nextInt(3));
        }

        private Frame raw(int b0, byte[] payload, boolean masked, String category) {
            return new Frame(Frame.Kind.RAW, RawWebSocket.encode(b0, payload, masked ? r.nextInt() : null), category, 1);
        }

        // ------------------------------------------------------------------ values

        private Map<String, Object> call(String command, List<?> args) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", "CALL");
            m.put("id", newId());
            m.put("command", command);
            m.put("args", new ArrayList<>(args));
            m.put("kwargs", r.nextInt(6) == 0 ? map("k", randomValue(1)) : map());
            m.put("call-stack-id", "outbound-" + index);
            String nested = serverCalls.peek();
            m.put("originating-call", nested != null && r.nextInt(3) == 0 ? nested : null);
            m.put("step-in", false);
            m.put("paused", false);
            m.put("span-ctx", null);
            m.put("objects", new ArrayList<>());
            if (r.nextInt(10) == 0) {
                m.put("sessionData", map("session", map("fz", randomValue(1)), "objects", list()));
            }
            return m;
        }

        private List<Object> randomArgs() {
            List<Object> args = new ArrayList<>();
            for (int i = r.nextInt(3); i > 0; i--) {
                args.add(randomValue(2));
            }
            return args;
        }

        private Map<String, Object> chunkHeader(String requestId, String mediaId, int index, boolean last) {
            return map("type", "CHUNK_HEADER", "requestId", requestId, "mediaId", mediaId, "chunkIndex", index,
                    "lastChunk", last);
        }

        private Map<String, Object> errorObj() {
            return map("type", pick("ValueError", "anvil.server.InternalError", "KeyError", null, "x.Y"),
                    "message", pick("bad", "", "\ud800"), "trace", r.nextBoolean() ? list(list("f.py", 3))
                            : randomValue(1));
        }

        private Object randomValue(int depth) {
            switch (r.nextInt(depth > 0 ? 12 : 9)) {
                case 0 -> {
                    return null;
                }
                case 1 -> {
                    return r.nextBoolean();
                }
                case 2 -> {
                    return r.nextInt(2001) - 1000;
                }
                case 3 -> {
                    return pick(2147483647L, -2147483648L, 2147483648L, 9007199254740993L, Long.MAX_VALUE, 0L);
                }
                case 4 -> {
                    return r.nextDouble() * 1e6 - 5e5;
                }
                case 5 -> {
                    return BAD_NUMBERS[r.nextInt(BAD_NUMBERS.length)];
                }
                case 6 -> {
                    return "s" + r.nextInt(1000);
                }
                case 7 -> {
                    return pick("", "\u00e9\u4e2d\ud83d\ude00", "\ud800", "\udfff x", "\u0000\u0001", "a".repeat(r.nextInt(3000)));
                }
                case 8 -> {
                    return pick(new Json.Raw("\"\\ud800\\u0000\""), new Json.Raw("\"\\uZZZZ\""), "ok");
                }
                case 9, 10 -> {
                    List<Object> list = new ArrayList<>();
                    for (int i = r.nextInt(5); i > 0; i--) {
                        list.add(randomValue(depth - 1));
                    }
                    return list;
                }
                default -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    for (int i = r.nextInt(5); i > 0; i--) {
                        m.put(pick("a", "b", "", "objects", "type", "id", "\u0000", "k" + i), randomValue(depth - 1));
                    }
                    return m;
                }
            }
        }

        private String newId() {
            String id = Long.toString(index, 36) + "x" + (++idCounter) + (char) ('a' + r.nextInt(26));
            if (ids.size() < 32) {
                ids.add(id);
            } else {
                ids.set(r.nextInt(ids.size()), id);
            }
            return id;
        }

        private String reusedOrNewId() {
            return !ids.isEmpty() && r.nextBoolean() ? ids.get(r.nextInt(ids.size())) : newId();
        }

        private byte[] randomBytes(int n) {
            byte[] b = new byte[n];
            r.nextBytes(b);
            return b;
        }

        @SafeVarargs
        private <T> T pick(T... options) {
            return options[r.nextInt(options.length)];
        }

        private static Map<String, Object> map(Object... kv) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < kv.length; i += 2) {
                m.put((String) kv[i], kv[i + 1]);
            }
            return m;
        }
    }
}
