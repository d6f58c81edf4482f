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
    @DisplayName("issue 13 F2: a chunk now and then that brings less than 64 000 bytes does not restart the timeout")
    void trickleDoesNotKeepMediaAlive() {
        decoder.text(DECLARE);
        for (int i = 0; i < 3; i++) {
            clock.now = clock.now.plusSeconds(i == 2 ? 19 : 20);
            header("server-1", "m1", i, false);
            decoder.binary(ByteBuffer.wrap(new byte[] {1}));
            assertThat(decoder.expireStalledMedia()).isZero();
        }
        // 61 s after it was declared, a byte 2 s ago: no progress for over 60 s
        clock.now = clock.now.plusSeconds(2);
        assertThat(decoder.expireStalledMedia()).isEqualTo(1);
        assertThatThrownBy(receivedMedia()::getBytes).isInstanceOf(TimeoutError.class)
                .hasMessage("Timeout during media transfer");
    }

    @Test
    @DisplayName("issue 13 F2: each whole chunk of an official sender restarts the timeout, small chunks add up")
    void progressKeepsMediaAlive() {
        decoder.text(DECLARE);
        for (int i = 0; i < 4; i++) {
            clock.now = clock.now.plusSeconds(50);
            header("server-1", "m1", i, false);
            decoder.binary(ByteBuffer.allocate(i % 2 == 0 ? 64_000 : 65_536));
            assertThat(decoder.expireStalledMedia()).isZero();
        }
        for (int i = 0; i < 4; i++) {
            clock.now = clock.now.plusSeconds(20);
            header("server-1", "m1", 4 + i, false);
            decoder.binary(ByteBuffer.allocate(16_000));
            assertThat(decoder.expireStalledMedia()).as("after %d small chunks", i + 1).isZero();
        }
        clock.now = clock.now.plusSeconds(61);
        assertThat(decoder.expireStalledMedia()).isEqualTo(1);
    }

    private static String declareCall(String id, int media) {
        StringBuilder objects = new StringBuilder();
        StringBuilder args = new StringBuilder();
        for (int i = 0; i < media; i++) {
            objects.append(i == 0 ? "" : ", ").append("{\"type\": [\"DataMedia\"], \"path\": [\"args\", ").append(i)
                    .append("], \"id\": \"m").append(i).append("\", \"mime-type\": \"text/plain\"}");
            args.append(i == 0 ? "null" : ", null");
        }
        return "{\"type\": \"CALL\", \"id\": \"" + id + "\", \"command\": \"f\", \"args\": [" + args
                + "], \"kwargs\": {}, \"objects\": [" + objects + "]}";
    }

    @Test
    @DisplayName("issue 13 F2: a chunk beyond the connection's quota drops its message with all its Media, naming the limit")
    void quotaRefusesTheMessage() {
        MediaQuota all = new MediaQuota(1_000_000, null, "all connections");
        MediaQuota mine = new MediaQuota(200_000, all, "this connection");
        decoder.mediaQuota(mine);
        decoder.text(declareCall("c1", 3));
        for (int i = 0; i < 2; i++) {
            header("c1", "m" + i, 0, false);
            decoder.binary(ByteBuffer.allocate(65_536));
        }
        assertThat(mine.used()).isEqualTo(131_072).isEqualTo(all.used());
        header("c1", "m2", 0, false);
        decoder.binary(ByteBuffer.allocate(65_536));
        header("c1", "m2", 1, false);
        assertThatThrownBy(() -> decoder.binary(ByteBuffer.allocate(65_536)))
                .isInstanceOfSatisfying(WireFormatException.class, e -> {
                    assertThat(e.messageId()).isEqualTo("c1");
                    assertThat(e.messageType()).isEqualTo("CALL");
                    assertThat(e).hasMessageContaining("this connection may hold at most 200000 bytes");
                });
        assertThat(mine.used()).isZero();
        assertThat(all.used()).isZero();
        assertThat(decoder.pendingMessages()).isZero();
        header("c1", "m0", 1, true);
        decoder.binary(ByteBuffer.allocate(1));
        assertThat(anomalies).hasSize(1);
        assertThat(received).isEmpty();
    }

    @Test
    @DisplayName("issue 13 F2: the quota of all connections bounds them together; what a message held is given back"
            + " when it is handed on, fails or is dropped")
    void sharedQuota() {
        MediaQuota all = new MediaQuota(150_000, null, "all connections");
        Decoder other = codec.newDecoder(received::add).mediaQuota(new MediaQuota(1_000_000, all, "that connection"));
        decoder.mediaQuota(new MediaQuota(1_000_000, all, "this connection"));
        other.text(declareCall("o1", 1));
        other.text("{\"type\": \"CHUNK_HEADER\", \"requestId\": \"o1\", \"mediaId\": \"m0\", \"chunkIndex\": 0,"
                + " \"lastChunk\": false}");
        other.binary(ByteBuffer.allocate(100_000));
        decoder.text(declareCall("c1", 1));
        header("c1", "m0", 0, false);
        assertThatThrownBy(() -> decoder.binary(ByteBuffer.allocate(60_000)))
                .hasMessageContaining("all connections may hold at most 150000 bytes");
        decoder.text(declareCall("c2", 1));
        header("c2", "m0", 0, false);
        decoder.binary(ByteBuffer.allocate(40_000));
        assertThat(all.used()).isEqualTo(140_000);
        header("c2", "m0", 1, true);
        decoder.binary(ByteBuffer.allocate(0));
        assertThat(received).hasSize(1);
        assertThat(all.used()).isEqualTo(100_000);
        clock.now = clock.now.plusSeconds(61);
        assertThat(other.expireStalledMedia()).isEqualTo(1);
        assertThat(all.used()).isZero();
        other.text(declareCall("o2", 1));
        other.text("{\"type\": \"CHUNK_HEADER\", \"requestId\": \"o2\", \"mediaId\": \"m0\", \"chunkIndex\": 0,"
                + " \"lastChunk\": false}");
        other.binary(ByteBuffer.allocate(10));
        assertThat(all.used()).isPositive();
        other.close();
        assertThat(all.used()).isZero();
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
