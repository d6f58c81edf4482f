package dev.anvilcheck.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anvilcheck.media.BlobMedia;
import dev.anvilcheck.media.Media;
import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.Capability;
import dev.anvilcheck.server.host.WireError;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The exact JSON of each message type, taken from the Uplink protocol's §6 transcript and §3:
 * every message encodes to the transcript's JSON (key order aside), and the transcript's JSON
 * decodes to the message.
 */
class TranscriptTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final WireCodec codec = WireCodec.create();

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private void assertEncodes(Message message, String expected) {
        assertThat(json(codec.encode(message).text())).isEqualTo(json(expected));
    }

    private Message decode(String text) {
        List<Message> out = new ArrayList<>();
        codec.newDecoder(out::add).text(text);
        assertThat(out).hasSize(1);
        return out.get(0);
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    @DisplayName("§6 connect: the key, pipelined REGISTERs, the auth reply")
    void connect() {
        String key = "{\"key\": \"SRV-KEY-123\", \"v\": 8}";
        assertEncodes(new Message.Authenticate("SRV-KEY-123", 8), key);
        Message.Authenticate auth = (Message.Authenticate) decode(key);
        assertThat(auth.key()).isEqualTo("SRV-KEY-123");
        assertThat(auth.version().intValue()).isEqualTo(8);

        String register = "{\"type\": \"REGISTER\", \"name\": \"add\"}";
        assertEncodes(new Message.Register("add"), register);
        assertThat(decode(register)).isEqualTo(new Message.Register("add"));

        String ok = "{\"auth\": \"OK\", \"priv\": \"uplink\", \"app-info\": {\"id\": \"\", \"branch\": null,"
                + " \"environment\": {\"description\": \"Local\"}}}";
        Message.AuthOk reply = new Message.AuthOk("uplink",
                map("id", "", "branch", null, "environment", map("description", "Local")));
        assertEncodes(reply, ok);
        assertThat(decode(ok)).isEqualTo(reply);
    }

    @Test
    @DisplayName("§2.1, §2.4: a key that is not a string is read as empty; a non-number version as none; the fatal error")
    void badKeyAndFatalError() {
        Message.Authenticate auth = (Message.Authenticate) decode("{\"key\": 42, \"v\": \"x\"}");
        assertThat(auth.key()).isEmpty();
        assertThat(auth.version()).isNull();
        String fatal = "{\"error\": \"Incorrect uplink key\"}";
        assertEncodes(new Message.FatalError("Incorrect uplink key"), fatal);
        assertThat(decode(fatal)).isEqualTo(new Message.FatalError("Incorrect uplink key"));
    }

    @Test
    @DisplayName("§6 server calls add(2, 5); the uplink answers 7 with its session")
    void serverCallAndResponse() {
        String call = "{\"type\": \"CALL\", \"id\": \"server-aaaa000001\", \"call-stack-id\": \"server-aaaa000001\","
                + " \"command\": \"add\", \"args\": [2, 5], \"kwargs\": {}, \"objects\": [],"
                + " \"call-stack\": [{\"type\": \"browser\", \"protocol-version\": 8}],"
                + " \"client\": {\"type\": \"browser\", \"ip\": \"127.0.0.1\", \"location\": null},"
                + " \"sessionData\": {}}";
        Message.Call expected = Message.Call.of("server-aaaa000001", "add", Arguments.of(2L, 5L))
                .withField("call-stack-id", "server-aaaa000001")
                .withField("call-stack", List.of(map("type", "browser", "protocol-version", 8L)))
                .withField("client", map("type", "browser", "ip", "127.0.0.1", "location", null))
                .withSession(Map.of());
        assertEncodes(expected, call);
        Message.Call decoded = (Message.Call) decode(call);
        assertThat(decoded).isEqualTo(expected);
        assertThat(decoded.callStackId()).isEqualTo("server-aaaa000001");
        assertThat(decoded.arguments().args()).containsExactly(2L, 5L);

        String response = "{\"id\": \"server-aaaa000001\", \"response\": 7,"
                + " \"sessionData\": {\"session\": {}, \"objects\": []},"
                + " \"cacheUpdates\": {}, \"importDuration\": null, \"objects\": []}";
        Message.Response answer = new Message.Response("server-aaaa000001", 7L, Map.of(),
                map("cacheUpdates", Map.of(), "importDuration", null));
        assertEncodes(answer, response);
        assertThat(decode(response)).isEqualTo(answer);
    }

    @Test
    @DisplayName("§6 an error response carries type, message and trace; extra keys are kept (§5.1)")
    void errorResponse() {
        String text = "{\"id\": \"server-aaaa000002\", \"error\": {\"type\": \"TypeError\","
                + " \"message\": \"add() missing 1 required positional argument: 'b'\","
                + " \"trace\": [[\"uplink_script.py\", 7]]}, \"objects\": []}";
        Message.Failure failure = Message.Failure.of("server-aaaa000002", new WireError("TypeError",
                "add() missing 1 required positional argument: 'b'",
                List.of(new WireError.TraceEntry("uplink_script.py", 7))));
        assertEncodes(failure, text);
        assertThat(decode(text)).isEqualTo(failure);

        String withExtras = "{\"id\": \"x\", \"error\": {\"message\": \"m\", \"trace\": [[\"<rpc>\", 0]],"
                + " \"docId\": \"d1\", \"docLinkTitle\": \"t\"}, \"taskState\": {\"p\": 1}, \"objects\": []}";
        Message.Failure extras = (Message.Failure) decode(withExtras);
        assertThat(extras.error().type()).isNull();
        assertThat(extras.errorFields()).containsEntry("docId", "d1").containsEntry("docLinkTitle", "t");
        assertThat(extras.fields()).containsEntry("taskState", map("p", 1L));
        assertEncodes(extras, withExtras);
    }

    @Test
    @DisplayName("§6 the uplink calls get_rate with a DateTime keyword; server output; the response")
    void outboundCallWithDateTime() {
        String text = "{\"type\": \"CALL\", \"id\": \"Zk3pQ8rT1a\", \"command\": \"get_rate\","
                + " \"args\": [\"EUR\"], \"kwargs\": {\"when\": null},"
                + " \"call-stack-id\": \"outbound-Ab12Cd34Ef\", \"originating-call\": null,"
                + " \"step-in\": false, \"paused\": false, \"span-ctx\": null,"
                + " \"objects\": [{\"type\": [\"DateTime\"], \"path\": [\"kwargs\", \"when\"],"
                + " \"value\": \"2025-03-01 12:00:00.000000+0000\"}]}";
        OffsetDateTime when = OffsetDateTime.of(2025, 3, 1, 12, 0, 0, 0, ZoneOffset.UTC);
        Message.Call call = new Message.Call("Zk3pQ8rT1a", false, "get_rate", null,
                new Arguments(List.of("EUR"), Map.of("when", when)), null,
                map("call-stack-id", "outbound-Ab12Cd34Ef", "originating-call", null, "step-in", false,
                        "paused", false, "span-ctx", null));
        assertEncodes(call, text);
        Message.Call decoded = (Message.Call) decode(text);
        assertThat(decoded).isEqualTo(call);
        assertThat(decoded.originatingCall()).isNull();

        String output = "{\"id\": \"Zk3pQ8rT1a\", \"output\": \"looking up EUR\\n\"}";
        assertEncodes(new Message.Output("Zk3pQ8rT1a", "looking up EUR\n"), output);
        assertThat(decode(output)).isEqualTo(new Message.Output("Zk3pQ8rT1a", "looking up EUR\n"));
        assertThat(decode("{\"output\": \"notice\"}")).isEqualTo(new Message.Output(null, "notice"));

        String response = "{\"id\": \"Zk3pQ8rT1a\", \"response\": {\"rate\": 1.0834}, \"objects\": []}";
        assertEncodes(Message.Response.of("Zk3pQ8rT1a", map("rate", 1.0834)), response);
        assertThat(decode(response)).isEqualTo(Message.Response.of("Zk3pQ8rT1a", map("rate", 1.0834)));
    }

    @Test
    @DisplayName("§6 a 150 000-byte PDF returned as Media: the response, then three chunks of 65536, 65536, 18928")
    void mediaResponse() {
        byte[] pdf = new byte[150_000];
        for (int i = 0; i < pdf.length; i++) {
            pdf[i] = (byte) (i * 31);
        }
        Media report = new BlobMedia("application/pdf", pdf, "report.pdf");
        Frames frames = Frames.of(codec.encode(new Message.Response("server-aaaa000003", report, Map.of(),
                map("cacheUpdates", Map.of(), "importDuration", null))));
        List<String> texts = frames.texts();
        assertThat(texts).hasSize(4);
        ObjectNode first = (ObjectNode) json(texts.get(0));
        String mediaId = first.get("objects").get(0).get("id").asText();
        assertThat(mediaId).matches("[A-Za-z0-9]{10}");
        assertThat(first).isEqualTo(json("{\"id\": \"server-aaaa000003\", \"response\": null,"
                + " \"sessionData\": {\"session\": {}, \"objects\": []}, \"cacheUpdates\": {}, \"importDuration\": null,"
                + " \"objects\": [{\"type\": [\"DataMedia\"], \"path\": [\"response\"], \"id\": \"" + mediaId + "\","
                + " \"mime-type\": \"application/pdf\", \"name\": \"report.pdf\"}]}"));
        for (int i = 0; i < 3; i++) {
            assertThat(json(texts.get(i + 1))).isEqualTo(json("{\"type\": \"CHUNK_HEADER\","
                    + " \"requestId\": \"server-aaaa000003\", \"mediaId\": \"" + mediaId + "\", \"chunkIndex\": " + i
                    + ", \"lastChunk\": " + (i == 2) + "}"));
        }
        assertThat(frames.frames.stream().filter(f -> !f.isText()).map(f -> f.binary().length))
                .containsExactly(65536, 65536, 18928);

        List<Message> out = new ArrayList<>();
        Decoder decoder = codec.newDecoder(out::add);
        frames.feed(decoder);
        Message.Response received = (Message.Response) out.get(0);
        assertThat(received.value()).isEqualTo(new BlobMedia("application/pdf", pdf, "report.pdf"));
        assertThat(decoder.pendingMessages()).isZero();
    }

    @Test
    @DisplayName("§6 heartbeat: anvil.private.echo and its reply")
    void heartbeat() {
        String text = "{\"type\": \"CALL\", \"id\": \"Hb7Hb7Hb7H\", \"command\": \"anvil.private.echo\","
                + " \"args\": [\"keep-alive\"], \"kwargs\": {}, \"call-stack-id\": \"outbound-Zz9Yy8Xx7W\","
                + " \"originating-call\": null, \"step-in\": false, \"paused\": false, \"span-ctx\": null, \"objects\": []}";
        Message.Call call = (Message.Call) decode(text);
        assertThat(call.command()).isEqualTo("anvil.private.echo");
        assertThat(call.arguments().args()).containsExactly("keep-alive");
        assertEncodes(call, text);
        assertEncodes(Message.Response.of("Hb7Hb7Hb7H", "keep-alive"),
                "{\"id\": \"Hb7Hb7Hb7H\", \"response\": \"keep-alive\", \"objects\": []}");
    }

    @Test
    @DisplayName("§4.2 the special values: Long, Float, Date, DateTime (never Z out, Z accepted in), Capability")
    void specialValues() {
        Map<String, Object> value = map("big", 3_000_000_000L, "huge", new BigInteger("123456789012345678901234567890"),
                "small", 2147483647L, "neg", -2147483648L, "nan", Double.NaN, "inf", Double.POSITIVE_INFINITY,
                "ninf", Double.NEGATIVE_INFINITY, "one", 1.0, "d", LocalDate.of(2024, 2, 29),
                "t", OffsetDateTime.of(2020, 1, 2, 3, 4, 5, 123456000, ZoneOffset.ofHoursMinutes(-5, -30)),
                "cap", Capability.restore(List.of("doc", 42L), List.of("read"), "abc123"));
        String expected = "{\"id\": \"r\", \"response\": {\"big\": null, \"huge\": null, \"small\": 2147483647,"
                + " \"neg\": null, \"nan\": null, \"inf\": null, \"ninf\": null, \"one\": 1.0, \"d\": null,"
                + " \"t\": null, \"cap\": null}, \"objects\": ["
                + "{\"type\": [\"Long\"], \"path\": [\"response\", \"big\"], \"value\": \"3000000000\"},"
                + "{\"type\": [\"Long\"], \"path\": [\"response\", \"huge\"], \"value\": \"123456789012345678901234567890\"},"
                + "{\"type\": [\"Long\"], \"path\": [\"response\", \"neg\"], \"value\": \"-2147483648\"},"
                + "{\"type\": [\"Float\"], \"path\": [\"response\", \"nan\"], \"value\": \"NaN\"},"
                + "{\"type\": [\"Float\"], \"path\": [\"response\", \"inf\"], \"value\": \"Infinity\"},"
                + "{\"type\": [\"Float\"], \"path\": [\"response\", \"ninf\"], \"value\": \"-Infinity\"},"
                + "{\"type\": [\"Date\"], \"path\": [\"response\", \"d\"], \"value\": \"2024-02-29\"},"
                + "{\"type\": [\"DateTime\"], \"path\": [\"response\", \"t\"], \"value\": \"2020-01-02 03:04:05.123456-0530\"},"
                + "{\"type\": [\"Capability\"], \"path\": [\"response\", \"cap\"], \"scope\": [\"doc\", 42],"
                + " \"mac\": \"abc123\", \"narrow\": [\"read\"]}]}";
        assertEncodes(Message.Response.of("r", value), expected);
        Map<?, ?> back = (Map<?, ?>) ((Message.Response) decode(expected)).value();
        assertThat(back.get("big")).isEqualTo(3_000_000_000L);
        assertThat(back.get("huge")).isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(back.get("neg")).isEqualTo(-2147483648L);
        assertThat(back.get("small")).isEqualTo(2147483647L);
        assertThat(back.get("one")).isEqualTo(1.0);
        assertThat((Double) back.get("nan")).isNaN();
        assertThat(back.get("t")).isEqualTo(value.get("t"));
        Capability cap = (Capability) back.get("cap");
        assertThat(cap.baseScope()).containsExactly("doc", 42L);
        assertThat(cap.narrowing()).containsExactly("read");
        assertThat(cap.mac()).isEqualTo("abc123");

        @SuppressWarnings("unchecked")
        Message.Response official = (Message.Response) decode("{\"id\": \"r\", \"response\": [null, null, null],"
                + " \"objects\": [{\"type\": [\"DateTime\"], \"path\": [\"response\", 0],"
                + " \"value\": \"2021-06-01 10:00:00.000000Z\"}, {\"type\": [\"DateTime\"], \"path\": [\"response\", 1],"
                + " \"value\": \"\"}, {\"type\": [\"Float\"], \"path\": [\"response\", 2], \"value\": \"-Infinity\"}]}");
        assertThat((List<Object>) official.value()).containsExactly(
                OffsetDateTime.of(2021, 6, 1, 10, 0, 0, 0, ZoneOffset.UTC), null, Double.NEGATIVE_INFINITY);
    }

    @Test
    @DisplayName("§4.7 sessionData: nested, paths relative to sessionData, {} for an empty session in a call")
    void sessionData() {
        Map<String, Object> session = map("when", LocalDate.of(2024, 1, 1), "n", 1L);
        String text = codec.encode(Message.Call.of("c1", "f", Arguments.none()).withSession(session)).text();
        assertThat(json(text).get("sessionData")).isEqualTo(json("{\"session\": {\"when\": null, \"n\": 1},"
                + " \"objects\": [{\"type\": [\"Date\"], \"path\": [\"session\", \"when\"], \"value\": \"2024-01-01\"}]}"));
        assertThat(((Message.Call) decode(text)).session()).isEqualTo(session);
        assertThat(((Message.Response) decode("{\"id\": \"r\", \"response\": 1,"
                + " \"sessionData\": {\"session\": null, \"objects\": []}, \"objects\": []}")).session()).isEmpty();
        assertThat(((Message.Response) decode("{\"id\": \"r\", \"response\": 1, \"objects\": []}")).session()).isNull();
    }

    @Test
    @DisplayName("§3.7, §3.9, §3.2: MEDIA_ERROR, LAUNCH_BACKGROUND, GET_TASK_STATE, KILL_TASK, REGISTER_LIVE_OBJECT_BACKEND")
    void otherMessages() {
        String mediaError = "{\"type\": \"MEDIA_ERROR\", \"requestId\": \"server-EEE\", \"mediaIds\": [\"m1\"],"
                + " \"cause\": {\"type\": \"anvil.server.TimeoutError\", \"message\": \"Timeout during media transfer\","
                + " \"trace\": []}}";
        assertEncodes(new Message.MediaError("server-EEE", List.of("m1"),
                new WireError("anvil.server.TimeoutError", "Timeout during media transfer", List.of())), mediaError);

        String launch = "{\"type\": \"LAUNCH_BACKGROUND\", \"id\": \"bg-1\", \"command\": \"task:report\","
                + " \"args\": [3], \"kwargs\": {}, \"objects\": []}";
        Message.Call call = (Message.Call) decode(launch);
        assertThat(call.background()).isTrue();
        assertThat(call.command()).isEqualTo("task:report");
        assertEncodes(call, launch);

        String get = "{\"type\": \"GET_TASK_STATE\", \"id\": \"bgquery-1\", \"task\": \"bg-1\"}";
        assertEncodes(new Message.GetTaskState("bgquery-1", "bg-1"), get);
        assertThat(decode(get)).isEqualTo(new Message.GetTaskState("bgquery-1", "bg-1"));
        String kill = "{\"type\": \"KILL_TASK\", \"task\": \"bg-1\"}";
        assertEncodes(new Message.KillTask("bg-1"), kill);
        assertThat(decode(kill)).isEqualTo(new Message.KillTask("bg-1"));
        String backend = "{\"type\": \"REGISTER_LIVE_OBJECT_BACKEND\", \"backend\": \"uplink.MyBackend\"}";
        assertEncodes(new Message.RegisterLiveObjectBackend("uplink.MyBackend"), backend);
        assertThat(decode(backend)).isEqualTo(new Message.RegisterLiveObjectBackend("uplink.MyBackend"));
        assertThat(decode("{\"type\": \"SOMETHING_NEW\", \"x\": 1}")).isInstanceOf(Message.Unrecognised.class);
    }

    @Test
    @DisplayName("§3.4 a LiveObject call carries liveObjectCall instead of command; task handles are LiveObjects (§4.6)")
    void liveObjects() {
        String text = "{\"type\": \"CALL\", \"id\": \"L1\", \"liveObjectCall\": {\"id\": \"\\\"T1\\\"\","
                + " \"backend\": \"anvil.private.BackgroundTask\", \"mac\": null, \"permissions\": [],"
                + " \"method\": \"get_state\"}, \"args\": [], \"kwargs\": {}, \"objects\": []}";
        Message.Call call = (Message.Call) decode(text);
        assertThat(call.command()).isNull();
        assertThat(call.liveObjectCall()).containsEntry("method", "get_state");
        assertEncodes(call, text);

        String tasks = "{\"id\": \"r\", \"response\": [null, null], \"objects\": ["
                + "{\"type\": [\"LiveObject\"], \"path\": [\"response\", 0], \"backend\": \"anvil.private.BackgroundTask\","
                + " \"id\": \"\\\"T1\\\"\", \"permissions\": [], \"mac\": null, \"methods\": " + JSON.valueToTree(
                        LiveObjects.TASK_METHODS) + "},"
                + "{\"type\": [\"LiveObject\"], \"path\": [\"response\", 1], \"backend\": \"anvil.private.BackgroundTask\","
                + " \"id\": \"\\\"T2\\\"\", \"permissions\": [], \"mac\": null}]}";
        List<?> handles = (List<?>) ((Message.Response) decode(tasks)).value();
        assertThat(handles).extracting(h -> ((dev.anvilcheck.server.Task) h).getId()).containsExactly("T1", "T2");
        assertEncodes(Message.Response.of("r", handles), tasks);
    }

    @Test
    @DisplayName("§3.3 unknown fields of a call are kept and relayed unchanged")
    void extraFieldsPassThrough() {
        String text = "{\"type\": \"CALL\", \"id\": \"c\", \"command\": \"f\", \"args\": [], \"kwargs\": {},"
                + " \"stale-uplink?\": true, \"app-info\": {\"id\": \"\"}, \"session-id\": \"S\", \"objects\": []}";
        Message.Call call = (Message.Call) decode(text);
        assertThat(call.fields()).containsKeys("stale-uplink?", "app-info", "session-id");
        assertEncodes(call, text);
        assertThat(Arrays.asList(call.arguments().args().toArray())).isEmpty();
    }
}
