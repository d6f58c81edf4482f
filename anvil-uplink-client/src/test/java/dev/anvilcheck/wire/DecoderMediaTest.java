package dev.anvilcheck.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anvilcheck.media.BlobMedia;
import dev.anvilcheck.media.Media;
import dev.anvilcheck.server.InternalError;
import dev.anvilcheck.server.RuntimeUnavailableError;
import dev.anvilcheck.server.SerializationError;
import dev.anvilcheck.server.TimeoutError;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Media over the wire as both official implementations send it, and the faults a receiver meets (§3.6, §3.7). */
class DecoderMediaTest {
    private final List<Message> received = new ArrayList<>();
    private final List<String> anomalies = new ArrayList<>();

    /** A clock the test moves. */
    private static final class TestClock extends Clock {
        Instant now = Instant.parse("2025-01-01T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final TestClock clock = new TestClock();
    private final WireCodec codec = WireCodec.builder().mediaTimeout(Duration.ofSeconds(60), clock)
            .maxMediaBytes(1_000_000).build();
    private final Decoder decoder = codec.newDecoder(received::add).onAnomaly(anomalies::add);

    private static final String DECLARE = "{\"id\": \"server-1\", \"response\": null, \"objects\": [{\"type\":"
            + " [\"DataMedia\"], \"path\": [\"response\"], \"id\": \"m1\", \"mime-type\": \"text/plain\", \"name\": \"a.txt\"}]}";

    private void header(String requestId, String mediaId, int index, boolean last) {
        decoder.text("{\"type\": \"CHUNK_HEADER\", \"requestId\": \"" + requestId + "\", \"mediaId\": \"" + mediaId
                + "\", \"chunkIndex\": " + index + ", \"lastChunk\": " + last + "}");
    }

    private Media receivedMedia() {
        assertThat(received).hasSize(1);
        return (Media) ((Message.Response) received.get(0)).value();
    }

    @Test
    @DisplayName("the official server's 64 000-byte chunks with a trailing empty last chunk")
    void officialServerChunking() {
        byte[] content = new byte[150_000];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) i;
        }
        decoder.text(DECLARE);
        int index = 0;
        for (int offset = 0; offset < content.length; offset += 64_000) {
            header("server-1", "m1", index++, false);
            decoder.binary(ByteBuffer.wrap(content, offset, Math.min(64_000, content.length - offset)));
            assertThat(received).isEmpty();
        }
        header("server-1", "m1", index, true);
        decoder.binary(ByteBuffer.allocate(0));
        assertThat(receivedMedia()).isEqualTo(new BlobMedia("text/plain", content, "a.txt"));
    }

    @Test
    @DisplayName("empty Media is one empty last chunk; the codec sends it so")
    void emptyMedia() {
        Frames frames = Frames.of(codec.encode(Message.Response.of("r", new BlobMedia("text/plain", new byte[0]))));
        assertThat(frames.frames).hasSize(3);
        assertThat(frames.frames.get(2).binary()).isEmpty();
        frames.feed(decoder);
        assertThat(receivedMedia().getBytes()).isEmpty();
    }

    @Test
    @DisplayName("MEDIA_ERROR completes the message; reading the Media raises the cause (MEDIA-03)")
    void mediaError() {
        decoder.text(DECLARE);
        decoder.text("{\"type\": \"MEDIA_ERROR\", \"requestId\": \"server-1\", \"mediaIds\": [\"m1\"],"
                + " \"cause\": {\"type\": \"anvil.server.RuntimeUnavailableError\", \"message\": \"gone\"}}");
        Media m = receivedMedia();
        assertThat(m.contentType()).isEqualTo("text/plain");
        assertThatThrownBy(m::getBytes).isInstanceOf(RuntimeUnavailableError.class).hasMessage("gone");
    }

    @Test
    @DisplayName("a Media whose bytes cannot be read is sent as MEDIA_ERROR, and read as that error (MEDIA-03)")
    void failingMediaIsSentAsMediaError() {
        Media broken = new Media() {
            @Override
            public String contentType() {
                return "text/plain";
            }

            @Override
            public String name() {
                return null;
            }

            @Override
            public byte[] getBytes() {
                throw new InternalError("disk on fire");
            }

            @Override
            public long length() {
                return 1;
            }
        };
        byte[] declared = ("{\"id\": \"r\", \"response\": null, \"objects\": [{\"type\": [\"DataMedia\"],"
                + " \"path\": [\"response\"], \"id\": \"m9\", \"mime-type\": \"text/plain\", \"name\": null}]}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Frames frames = Frames.of(new Encoded("r", declared, List.of(new Encoded.OutgoingMedia("m9", broken)), 65536));
        assertThat(frames.texts().get(1)).contains("MEDIA_ERROR").contains("disk on fire");
        frames.feed(decoder);
        assertThatThrownBy(receivedMedia()::getBytes).isInstanceOf(InternalError.class).hasMessage("disk on fire");
    }

    @Test
    @DisplayName("a transfer idle for 60 s fails with TimeoutError 'Timeout during media transfer'")
    void stalledTransferTimesOut() {
        decoder.text(DECLARE);
        header("server-1", "m1", 0, false);
        decoder.binary(ByteBuffer.wrap(new byte[] {1, 2}));
        clock.now = clock.now.plusSeconds(60);
        assertThat(decoder.expireStalledMedia()).isZero();
        clock.now = clock.now.plusSeconds(1);
        assertThat(decoder.expireStalledMedia()).isEqualTo(1);
        assertThatThrownBy(receivedMedia()::getBytes).isInstanceOf(TimeoutError.class)
                .hasMessage("Timeout during media transfer");
    }

    @Test
    @DisplayName("a CHUNK_HEADER without its binary frame: the header is replaced, the transfer goes on")
    void headerWithoutBinary() {
        decoder.text(DECLARE);
        header("server-1", "m1", 0, false);
        header("server-1", "m1", 0, true);
        decoder.binary(ByteBuffer.wrap(new byte[] {7}));
        assertThat(anomalies).hasSize(1);
        assertThat(receivedMedia().getBytes()).containsExactly(7);
    }

    @Test
    @DisplayName("a binary frame without a header, and a chunk for unknown Media, are dropped and reported")
    void strayChunksAreDropped() {
        decoder.binary(ByteBuffer.wrap(new byte[] {1}));
        header("nobody", "m1", 0, true);
        decoder.binary(ByteBuffer.wrap(new byte[] {1}));
        decoder.text("{\"type\": \"MEDIA_ERROR\", \"requestId\": \"nobody\", \"mediaIds\": [\"x\"], \"cause\": {}}");
        assertThat(anomalies).hasSize(3);
        assertThat(received).isEmpty();
        decoder.text("{\"id\": \"ok\", \"response\": 1, \"objects\": []}");
        assertThat(received).hasSize(1);
    }

    @Test
    @DisplayName("Media over the receiver's limit is not delivered; reading it raises InternalError")
    void oversizedMedia() {
        decoder.text(DECLARE);
        header("server-1", "m1", 0, false);
        decoder.binary(ByteBuffer.allocate(600_000));
        header("server-1", "m1", 1, true);
        decoder.binary(ByteBuffer.allocate(600_000));
        assertThatThrownBy(receivedMedia()::getBytes).isInstanceOf(InternalError.class);
        header("server-1", "m1", 2, true);
        decoder.binary(ByteBuffer.allocate(1));
        assertThat(anomalies).hasSize(1);
    }

    @Test
    @DisplayName("close() forgets messages waiting for Media")
    void closeDropsHeldMessages() {
        decoder.text(DECLARE);
        assertThat(decoder.pendingMessages()).isEqualTo(1);
        assertThat(decoder.close()).isEqualTo(1);
        header("server-1", "m1", 0, true);
        decoder.binary(ByteBuffer.allocate(1));
        assertThat(received).isEmpty();
    }

    @Test
    @DisplayName("malformed frames raise WireFormatException with what could be read")
    void malformedFrames() {
        assertThatThrownBy(() -> decoder.text("not json")).isInstanceOf(WireFormatException.class)
                .satisfies(e -> assertThat(((WireFormatException) e).json()).isNull());
        assertThatThrownBy(() -> decoder.text("[1, 2]")).isInstanceOf(WireFormatException.class);
        assertThatThrownBy(() -> decoder.text("{\"type\": \"CALL\", \"id\": \"c1\", \"command\": \"f\", \"args\": [null],"
                + " \"kwargs\": {}, \"objects\": [{\"type\": [\"Martian\"], \"path\": [\"args\", 0]}]}"))
                .isInstanceOf(WireFormatException.class)
                .satisfies(e -> {
                    WireFormatException w = (WireFormatException) e;
                    assertThat(w.messageId()).isEqualTo("c1");
                    assertThat(w.messageType()).isEqualTo("CALL");
                    assertThat(w.getCause()).isInstanceOf(SerializationError.class);
                });
        assertThatThrownBy(() -> decoder.text("{\"id\": \"r\", \"response\": [], \"objects\": [{\"type\": [\"Long\"],"
                + " \"path\": [\"response\", 3], \"value\": \"1\"}]}")).isInstanceOf(WireFormatException.class)
                .hasMessageContaining("leads nowhere");
        assertThatThrownBy(() -> decoder.text("{\"type\": \"REGISTER\"}")).isInstanceOf(WireFormatException.class);
        decoder.text("{\"id\": \"ok\", \"response\": 1, \"objects\": []}");
        assertThat(received).hasSize(1);
    }
}
