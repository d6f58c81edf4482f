package dev.anvilcheck.tck.clauses;

import dev.anvilcheck.media.BlobMedia;
import dev.anvilcheck.media.LazyMedia;
import dev.anvilcheck.media.Media;
import dev.anvilcheck.server.AnvilServer;
import dev.anvilcheck.server.AnvilWrappedError;
import dev.anvilcheck.server.Endpoint;
import dev.anvilcheck.server.InternalError;
import dev.anvilcheck.server.SerializationError;
import dev.anvilcheck.spi.Caller;
import dev.anvilcheck.spi.CallerKind;
import dev.anvilcheck.spi.Feature;
import dev.anvilcheck.spi.HttpSender;
import dev.anvilcheck.spi.RawHttpRequest;
import dev.anvilcheck.spi.RawHttpResponse;
import dev.anvilcheck.spi.RuntimeUnderTest;
import dev.anvilcheck.tck.ConformanceExtension;
import dev.anvilcheck.tck.Expect;
import dev.anvilcheck.tck.RequiresFeature;
import dev.anvilcheck.tck.TestEnvironment;
import dev.anvilcheck.tck.internal.Describe;
import dev.anvilcheck.uplink.Uplink;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Conformance tests of section 2.11, MEDIA: Media over {@code anvil.server}. MEDIA-07 (Media and
 * HTTP endpoints) sends requests as the HTTP clause tests do, once per {@link HttpTransport}; its
 * details are verified with HTTP-12 and HTTP-24.
 *
 * @since 0.1
 */
@ExtendWith(ConformanceExtension.class)
@DisplayName("MEDIA: Media over anvil.server")
public class MediaVerification {

    /** Media that is not a BlobMedia, with an optional URL and content that may fail to read. */
    private static final class ProbeMedia implements Media {
        private final String contentType;
        private final String name;
        private final Supplier<byte[]> content;
        private final String url;

        ProbeMedia(String contentType, String name, Supplier<byte[]> content, String url) {
            this.contentType = contentType;
            this.name = name;
            this.content = content;
            this.url = url;
        }

        @Override
        public String contentType() {
            return contentType;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public byte[] getBytes() {
            return content.get().clone();
        }

        @Override
        public long length() {
            return content.get().length;
        }

        @Override
        public String url() {
            return url;
        }
    }

    private static Media media(String contentType, String name, byte[] bytes) {
        return new ProbeMedia(contentType, name, () -> bytes, null);
    }

    /** A comparable description: [content type, name, bytes in Base64]. */
    private static List<Object> describe(Object value) {
        if (!(value instanceof Media m)) {
            return Arrays.asList("not a Media", Describe.value(value));
        }
        return Arrays.asList(m.contentType(), m.name(), Base64.getEncoder().encodeToString(m.getBytes()));
    }

    private static byte[] large() {
        byte[] bytes = new byte[200_000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        return bytes;
    }

    // ---------------------------------------------------------------- MEDIA-01, MEDIA-02

    @Test
    @DisplayName("[MEDIA-01] Media arguments and return values arrive with the same content type, name and bytes")
    void required_MEDIA_01_mediaCrossesWithTypeNameAndBytes(RuntimeUnderTest rt) {
        List<Media> samples = List.of(media("text/plain", "hello.txt", "hello".getBytes(StandardCharsets.UTF_8)),
                media("application/octet-stream", null, new byte[0]), media("image/png", "big.png", large()));
        Probes.Recorder echo = Probes.recorder(rt, "echo", null);
        AtomicReference<Object> toReturn = new AtomicReference<>();
        rt.register("give", a -> toReturn.get());
        AtomicReference<Object> relayed = new AtomicReference<>();
        rt.register("relay", a -> {
            relayed.set(AnvilServer.call("give"));
            return null;
        });
        for (CallerKind kind : List.of(CallerKind.BROWSER, CallerKind.UPLINK, CallerKind.CLIENT_UPLINK)) {
            Caller caller = rt.caller(kind);
            for (Media sample : samples) {
                Object argument = Probes.see("MEDIA-01", caller, echo, "echo", sample).args().get(0);
                Expect.equal(caller, "echo", "[content type, name, bytes] of the argument",
                        describe(sample), describe(argument));
                toReturn.set(sample);
                Object returned = Expect.returns(caller, "give", () -> caller.call("give"));
                Expect.equal(caller, "give", "[content type, name, bytes] of the return value",
                        describe(sample), describe(returned));
            }
        }
        toReturn.set(samples.get(0));
        Caller browser = rt.browser();
        Expect.returns(browser, "relay", () -> browser.call("relay"));
        Expect.equal(CallerKind.SERVER_MODULE, "give", "[content type, name, bytes] received by server code",
                describe(samples.get(0)), describe(relayed.get()));
    }

    @Test
    @DisplayName("[MEDIA-01] the URL of Media is generally not preserved")
    void optional_MEDIA_01_urlIsNotPreserved(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        Probes.Recorder echo = Probes.recorder(rt, "echo", null);
        Caller browser = rt.browser();
        Media withUrl = new ProbeMedia("text/plain", "u.txt", () -> new byte[] {1}, "https://example.com/u.txt");
        Object argument = Probes.see("MEDIA-01", browser, echo, "echo", withUrl).args().get(0);
        String url = argument instanceof Media m ? m.url() : "not a Media";
        env.note("MEDIA-01 url", url == null ? "not preserved" : "preserved: " + url);
        Expect.optional(url == null, "the received Media has the URL " + url);
    }

    /** The largest Media chunk the protocol's senders write (Uplink protocol §1.5: 65 536 or 64 000 bytes). */
    private static final int MAX_CHUNK = 65_536;

    private static RawUplink rawUplink(TestEnvironment env) {
        dev.anvilcheck.spi.UplinkEndpoint target = env.runtime().uplinkEndpoint();
        if (target == null) {
            throw new IllegalStateException("The runtime declares Feature.UPLINK_WIRE, but its"
                    + " RuntimeUnderTest.uplinkEndpoint() returned null");
        }
        return RawUplink.open(target.url(), target.serverKey(), env.clause(), env.timeout());
    }

    private static String call(String id, String function, String args, String objects) {
        return "{\"type\": \"CALL\", \"id\": \"" + id + "\", \"command\": \"" + function + "\", \"args\": " + args
                + ", \"kwargs\": {}, \"call-stack-id\": \"outbound-media02call\", \"originating-call\": null,"
                + " \"objects\": " + objects + "}";
    }

    private static String chunkHeader(String requestId, String mediaId, int index, boolean last) {
        return "{\"type\": \"CHUNK_HEADER\", \"requestId\": \"" + requestId + "\", \"mediaId\": \"" + mediaId
                + "\", \"chunkIndex\": " + index + ", \"lastChunk\": " + last + "}";
    }

    @Test
    @DisplayName("[MEDIA-02] Media crosses the wire as chunks of at most 64 KiB, in order, after the message that"
            + " declares it")
    @RequiresFeature(Feature.UPLINK_WIRE)
    void optional_MEDIA_02_mediaIsStreamedInChunksAfterItsMessage(TestEnvironment env) {
        byte[] content = large();
        env.runtime().register("media02_make", a -> media("application/octet-stream", "made.bin", content));
        try (RawUplink raw = rawUplink(env)) {
            raw.text(call("media02-make", "media02_make", "[]", "[]"));
            RawUplink.Frame first = raw.next(env.timeout(), "the response to the call");
            com.fasterxml.jackson.databind.JsonNode response = first.json();
            Expect.that(CallerKind.UPLINK, "media02_make", !first.isBinary() && response != null
                    && "media02-make".equals(response.path("id").asText()) && response.has("response"),
                    "the response message first, before any chunk", first.isBinary() ? "a binary frame"
                            : String.valueOf(response));
            String mediaId = null;
            for (com.fasterxml.jackson.databind.JsonNode object : response.path("objects")) {
                if (object.path("type").toString().contains("DataMedia")) {
                    mediaId = object.path("id").asText();
                }
            }
            Expect.that(CallerKind.UPLINK, "media02_make", mediaId != null,
                    "a DataMedia declared in the response's objects", String.valueOf(response.path("objects")));
            java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
            int chunks = 0;
            boolean last = false;
            while (!last) {
                RawUplink.Frame header = raw.next(env.timeout(), "chunk header " + chunks);
                Expect.that(CallerKind.UPLINK, "media02_make", !header.isBinary()
                        && "CHUNK_HEADER".equals(header.json().path("type").asText())
                        && mediaId.equals(header.json().path("mediaId").asText())
                        && "media02-make".equals(header.json().path("requestId").asText())
                        && header.json().path("chunkIndex").asInt(-1) == chunks,
                        "CHUNK_HEADER " + chunks + " of media " + mediaId + " for request media02-make",
                        header.isBinary() ? "a binary frame" : String.valueOf(header.json()));
                last = header.json().path("lastChunk").asBoolean(false);
                RawUplink.Frame bytes = raw.next(env.timeout(), "the binary frame of chunk " + chunks);
                Expect.that(CallerKind.UPLINK, "media02_make", bytes.isBinary() && bytes.binary().length <= MAX_CHUNK,
                        "a binary frame of at most " + MAX_CHUNK + " bytes right after chunk header " + chunks,
                        bytes.isBinary() ? bytes.binary().length + " bytes" : String.valueOf(bytes.json()));
                received.writeBytes(bytes.binary());
                chunks++;
            }
            Expect.that(CallerKind.UPLINK, "media02_make", chunks >= 2, "the " + content.length
                    + " bytes in several chunks", chunks + " chunk(s)");
            Expect.that(CallerKind.UPLINK, "media02_make", Arrays.equals(content, received.toByteArray()),
                    "the chunks to add up to the content", received.size() + " bytes that differ");
        }
    }

    @Test
    @DisplayName("[MEDIA-02] a function receiving Media starts only once its last chunk has arrived")
    @RequiresFeature(Feature.UPLINK_WIRE)
    void optional_MEDIA_02_functionStartsOnlyAfterTheLastChunk(TestEnvironment env) {
        java.util.concurrent.CountDownLatch started = env.latch(1);
        env.runtime().register("media02_size", a -> {
            started.countDown();
            return ((Media) a.get(0)).getBytes().length;
        });
        byte[] chunk = new byte[MAX_CHUNK];
        Arrays.fill(chunk, (byte) 7);
        byte[] tail = new byte[1_000];
        try (RawUplink raw = rawUplink(env)) {
            raw.text(call("media02-size", "media02_size", "[null]", "[{\"type\": [\"DataMedia\"], \"path\": [\"args\", 0],"
                    + " \"mime-type\": \"application/octet-stream\", \"name\": null, \"id\": \"media02arg\"}]"));
            for (int i = 0; i < 2; i++) {
                raw.text(chunkHeader("media02-size", "media02arg", i, false));
                raw.binary(chunk);
            }
            env.expectNoSignal(started, "start of media02_size before the Media's last chunk arrived");
            raw.text(chunkHeader("media02-size", "media02arg", 2, true));
            raw.binary(tail);
            RawUplink.Frame response = raw.next(env.timeout(), "the response to media02_size");
            Expect.equal(CallerKind.UPLINK, "media02_size", "the response once the last chunk arrived",
                    "{\"id\":\"media02-size\",\"response\":" + (2 * MAX_CHUNK + tail.length) + "}",
                    response.isBinary() ? "a binary frame" : "{\"id\":" + response.json().path("id") + ",\"response\":"
                            + response.json().path("response") + "}");
        }
    }

    // ---------------------------------------------------------------- MEDIA-03

    @Test
    @DisplayName("[MEDIA-03] Media whose content fails to send arrives; reading its bytes raises the transmitted error")
    void required_MEDIA_03_failedContentRaisesOnRead(RuntimeUnderTest rt) {
        Supplier<byte[]> failing = () -> {
            throw new InternalError("the upload broke off");
        };
        AtomicReference<Object> seen = new AtomicReference<>();
        AtomicReference<Throwable> raised = new AtomicReference<>();
        rt.register("read", a -> {
            Media m = (Media) a.get(0);
            seen.set(Arrays.asList(m.contentType(), m.name()));
            try {
                m.getBytes();
            } catch (RuntimeException e) {
                raised.set(e);
            }
            return null;
        });
        Caller browser = rt.browser();
        Expect.returns(browser, "read",
                () -> browser.call("read", new ProbeMedia("image/png", "photo.png", failing, null)));
        Expect.equal(CallerKind.SERVER_MODULE, "read", "[content type, name] of the received Media",
                List.of("image/png", "photo.png"), seen.get());
        InternalError e = Expect.raises(CallerKind.SERVER_MODULE, "read", InternalError.class,
                () -> CallVerification.rethrowOrReturn(raised.get()));
        Expect.equal(CallerKind.SERVER_MODULE, "read", "message", "the upload broke off", e.getMessage());

        Supplier<byte[]> unregistered = () -> {
            throw new IllegalStateException("stream closed");
        };
        rt.register("give", a -> new ProbeMedia("text/csv", "rates.csv", unregistered, null));
        Object returned = Expect.returns(browser, "give", () -> browser.call("give"));
        Media media = returned instanceof Media m ? m : null;
        Expect.that(browser, "give", media != null, "a Media", Describe.returned(returned));
        AnvilWrappedError wrapped = Expect.raises(browser, "give", AnvilWrappedError.class, media::getBytes);
        Expect.equal(browser, "give", "wire type of the error reading the bytes", "IllegalStateException",
                wrapped.wireType());
        Expect.equal(browser, "give", "message", "stream closed", wrapped.getMessage());
    }

    // ---------------------------------------------------------------- MEDIA-04

    @Test
    @DisplayName("[MEDIA-04] LazyMedia travels by reference and is fetched on first use")
    void required_MEDIA_04_lazyMediaIsFetchedOnFirstUse(RuntimeUnderTest rt) {
        AtomicInteger fetches = new AtomicInteger();
        LazyMedia lazy = new LazyMedia("table/row-7/photo", () -> {
            fetches.incrementAndGet();
            return new BlobMedia("image/jpeg", new byte[] {1, 2, 3}, "row7.jpg");
        });
        AtomicReference<Object> seen = new AtomicReference<>();
        rt.register("inspect", a -> {
            Object m = a.get(0);
            int before = fetches.get();
            Media media = (Media) m;
            seen.set(Arrays.asList(m instanceof LazyMedia, before, media.contentType(), media.name(),
                    Base64.getEncoder().encodeToString(media.getBytes())));
            return m;
        });
        Caller browser = rt.browser();
        Object returned = Expect.returns(browser, "inspect", () -> browser.call("inspect", lazy));
        Expect.equal(CallerKind.SERVER_MODULE, "inspect",
                "[is LazyMedia, fetches before first use, content type, name, bytes] on the server",
                List.of(true, 0, "image/jpeg", "row7.jpg", "AQID"), seen.get());
        Expect.equal(browser, "inspect", "fetches after the server's first use", 1, fetches.get());
        Expect.that(browser, "inspect", returned instanceof LazyMedia, "a LazyMedia returned",
                Describe.returned(returned));
        Expect.equal(browser, "inspect", "bytes of the returned LazyMedia", "AQID",
                Base64.getEncoder().encodeToString(((Media) returned).getBytes()));
    }

    // ---------------------------------------------------------------- MEDIA-05, MEDIA-06

    @Test
    @DisplayName("[MEDIA-05] in-memory Media cannot be stored in the session (task state, task results and cookies:"
            + " TASK-07, TASK-21, SESS-17)")
    void required_MEDIA_05_inMemoryMediaIsNotStorable(RuntimeUnderTest rt) {
        rt.register("store", a -> {
            AnvilServer.session().put("file", a.get(0));
            return null;
        });
        Caller browser = rt.browser();
        Expect.raises(browser, "store", SerializationError.class,
                () -> browser.call("store", Map.of("nested", List.of(media("a/b", "x", new byte[] {1})))));
        Expect.equal(browser, "store", "'file' in the committed session", false,
                browser.sessionData().containsKey("file"));
    }

    @Test
    @DisplayName("[MEDIA-05] LazyMedia, unlike in-memory Media, can be stored in the session")
    void required_MEDIA_05_lazyMediaIsStorable(RuntimeUnderTest rt) {
        rt.register("store", a -> {
            AnvilServer.session().put("file", a.get(0));
            return null;
        });
        rt.register("load", a -> AnvilServer.session().get("file"));
        Caller browser = rt.browser();
        LazyMedia lazy = new LazyMedia("row/1", () -> new BlobMedia("a/b", new byte[] {9}, "nine"));
        Expect.returns(browser, "store", () -> browser.call("store", lazy));
        Object loaded = Expect.returns(browser, "load", () -> browser.call("load"));
        Expect.equal(browser, "load", "[content type, name, bytes] of the stored LazyMedia",
                describe(new BlobMedia("a/b", new byte[] {9}, "nine")), describe(loaded));
    }

    @Test
    @DisplayName("[MEDIA-06] BlobMedia(content_type, content, name) requires bytes content, else TypeError")
    void required_MEDIA_06_blobMediaRequiresBytes(RuntimeUnderTest rt) {
        AtomicReference<Throwable> raised = new AtomicReference<>();
        rt.register("make", a -> {
            try {
                new BlobMedia("text/plain", null, "empty.txt");
            } catch (RuntimeException e) {
                raised.set(e);
            }
            return new BlobMedia("text/plain", "ok".getBytes(StandardCharsets.UTF_8), "ok.txt");
        });
        Caller browser = rt.browser();
        Object made = Expect.returns(browser, "make", () -> browser.call("make"));
        Expect.raises(CallerKind.SERVER_MODULE, "make", IllegalArgumentException.class,
                () -> CallVerification.rethrowOrReturn(raised.get()));
        Expect.equal(browser, "make", "[content type, name, bytes] of a BlobMedia made from bytes",
                describe(media("text/plain", "ok.txt", "ok".getBytes(StandardCharsets.UTF_8))), describe(made));
    }

    // ---------------------------------------------------------------- MEDIA-07

    @ParameterizedTest(name = "over {0}")
    @EnumSource(HttpTransport.class)
    @RequiresFeature(Feature.HTTP_ENDPOINTS)
    @DisplayName("[MEDIA-07] Media returned from an HTTP endpoint is served as itself (HTTP-12), LazyMedia"
            + " included; the request body is Media (HTTP-24)")
    void optional_MEDIA_07_mediaAndHttpEndpoints(HttpTransport transport, TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        AtomicReference<Media> received = new AtomicReference<>();
        rt.registerEndpoint(Endpoint.http("/reverse"), a -> {
            Media body = AnvilServer.request().body();
            received.set(body == null ? null : new BlobMedia(body.contentType(), body.getBytes(), body.name()));
            byte[] bytes = body == null ? new byte[0] : body.getBytes();
            byte[] reversed = new byte[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                reversed[i] = bytes[bytes.length - 1 - i];
            }
            return new BlobMedia("application/x-reversed", reversed, "reversed.bin");
        });
        byte[] stored = "stored in a table".getBytes(StandardCharsets.UTF_8);
        rt.registerEndpoint(Endpoint.http("/lazy"),
                a -> new LazyMedia("row/7", () -> new BlobMedia("text/plain", stored, "row7.txt")));
        HttpSender sender = transport.open(env);
        byte[] sent = {1, 2, 3, (byte) 0xfe, (byte) 0xff};
        String label = "POST /_/api/reverse " + transport;
        RawHttpResponse reversed = Expect.returns(CallerKind.HTTP, label,
                () -> sender.send(RawHttpRequest.of("POST", "/_/api/reverse").withBody("image/x-probe", sent)));
        Media body = received.get();
        Expect.that(CallerKind.HTTP, label, body != null, "request.body, a Media", "None");
        Expect.equal(CallerKind.HTTP, label, "[content type, bytes] of request.body",
                Arrays.asList("image/x-probe", Base64.getEncoder().encodeToString(sent)),
                Arrays.asList(body.contentType(), Base64.getEncoder().encodeToString(body.getBytes())));
        Expect.equal(CallerKind.HTTP, label, "[status, content-type, content-disposition, bytes]",
                Arrays.asList(200, "application/x-reversed", "inline; filename=\"reversed.bin\"",
                        Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff, (byte) 0xfe, 3, 2, 1})),
                served(reversed));
        String lazyLabel = "GET /_/api/lazy " + transport;
        RawHttpResponse lazy = Expect.returns(CallerKind.HTTP, lazyLabel,
                () -> sender.send(RawHttpRequest.get("/_/api/lazy")));
        Expect.equal(CallerKind.HTTP, lazyLabel,
                "[status, content-type, content-disposition, bytes] of a LazyMedia",
                Arrays.asList(200, "text/plain", "inline; filename=\"row7.txt\"",
                        Base64.getEncoder().encodeToString(stored)),
                served(lazy));
    }

    /** What a response serves of a Media: [status, bare content type, content-disposition, bytes in Base64]. */
    private static List<Object> served(RawHttpResponse response) {
        String contentType = response.header("content-type");
        String bare = contentType == null ? null : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        return Arrays.asList(response.status(), bare, response.header("content-disposition"),
                Base64.getEncoder().encodeToString(response.body()));
    }

    // ---------------------------------------------------------------- Media and a connected uplink

    @Test
    @DisplayName("[MEDIA-01] Media crosses a connected uplink both ways with its content type, name and bytes")
    @RequiresFeature(Feature.UPLINK_WIRE)
    void optional_MEDIA_01_mediaCrossesAConnectedUplink(RuntimeUnderTest rt) {
        Media small = media("text/plain", "hello.txt", "hello".getBytes(StandardCharsets.UTF_8));
        Media big = media("image/png", "big.png", large());
        AtomicReference<Object> received = new AtomicReference<>();
        Probes.Recorder echo = Probes.recorder(rt, "media01_server_echo", null);
        rt.register("media01_server_give", a -> big);
        try (Uplink uplink = RealUplinks.connectServer("MEDIA-01", RealUplinks.server(rt).register("media01_on_uplink",
                a -> {
                    received.set(a.get(0));
                    return List.of(a.get(0), big);
                }))) {
            Caller browser = rt.browser();
            Object returned = Expect.returns(browser, "media01_on_uplink", () -> browser.call("media01_on_uplink",
                    small));
            Expect.equal(CallerKind.UPLINK, "media01_on_uplink", "[content type, name, bytes] of the argument on the"
                    + " uplink", describe(small), describe(received.get()));
            List<?> pair = returned instanceof List<?> l && l.size() == 2 ? l : List.of(returned, returned);
            Expect.equal(browser, "media01_on_uplink", "[content type, name, bytes] of the Media returned whole",
                    describe(small), describe(pair.get(0)));
            Expect.equal(browser, "media01_on_uplink", "[content type, name, bytes] of the large Media returned",
                    describe(big), describe(pair.get(1)));
            Expect.returns(CallerKind.UPLINK, "media01_server_echo", () -> uplink.call("media01_server_echo", big));
            Expect.equal(CallerKind.UPLINK, "media01_server_echo", "[content type, name, bytes] received by server"
                    + " code", describe(big), describe(echo.last().args().get(0)));
            Object given = Expect.returns(CallerKind.UPLINK, "media01_server_give",
                    () -> uplink.call("media01_server_give"));
            Expect.equal(CallerKind.UPLINK, "media01_server_give", "[content type, name, bytes] the uplink received",
                    describe(big), describe(given));
        }
    }

    @Test
    @DisplayName("[MEDIA-04] LazyMedia reaches a connected uplink by reference, is fetched from the server on first"
            + " use, and goes back as the reference it was")
    @RequiresFeature(Feature.UPLINK_WIRE)
    void optional_MEDIA_04_lazyMediaReachesAConnectedUplinkByReference(RuntimeUnderTest rt) {
        AtomicInteger fetches = new AtomicInteger();
        LazyMedia lazy = new LazyMedia("table/row-8/photo", () -> {
            fetches.incrementAndGet();
            return new BlobMedia("image/jpeg", new byte[] {4, 5, 6}, "row8.jpg");
        });
        rt.register("media04_give", a -> lazy);
        AtomicReference<Object> back = new AtomicReference<>();
        rt.register("media04_back", a -> {
            back.set(a.get(0));
            return describe(a.get(0));
        });
        try (Uplink uplink = RealUplinks.connectServer("MEDIA-04", RealUplinks.server(rt))) {
            Object received = Expect.returns(CallerKind.UPLINK, "media04_give", () -> uplink.call("media04_give"));
            Expect.equal(CallerKind.UPLINK, "media04_give", "fetches before the uplink's first use", 0,
                    fetches.get());
            Expect.equal(CallerKind.UPLINK, "media04_give", "[content type, name, bytes] read on the uplink",
                    List.of("image/jpeg", "row8.jpg", "BAUG"), describe(received));
            Expect.that(CallerKind.UPLINK, "media04_give", fetches.get() >= 1, "the server to fetch the content",
                    "it was fetched " + fetches.get() + " times");
            Object seen = Expect.returns(CallerKind.UPLINK, "media04_back",
                    () -> uplink.call("media04_back", received));
            Expect.that(CallerKind.SERVER_MODULE, "media04_back", back.get() instanceof LazyMedia,
                    "a LazyMedia back in server code", Describe.value(back.get()));
            Expect.equal(CallerKind.SERVER_MODULE, "media04_back", "[content type, name, bytes] in server code",
                    List.of("image/jpeg", "row8.jpg", "BAUG"), seen);
        }
    }
}
