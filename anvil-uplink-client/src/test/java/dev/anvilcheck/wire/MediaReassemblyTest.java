package dev.anvilcheck.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anvilcheck.media.BlobMedia;
import dev.anvilcheck.media.Media;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A Media's bytes come out as they went in whatever the sizes of its chunks (§3.6): chunks smaller
 * and larger than the blocks the receiver collects them in, a chunk that fills a block exactly,
 * chunks of one byte, and a single chunk; and so when the receiver lets the decoder keep each
 * frame's array ({@link Decoder#binaryAdopting}), frames that fill their arrays or not, in any mix.
 */
class MediaReassemblyTest {
    private static final String DECLARE = "{\"id\": \"r\", \"response\": null, \"objects\": [{\"type\":"
            + " [\"DataMedia\"], \"path\": [\"response\"], \"id\": \"m\", \"mime-type\": \"application/octet-stream\"}]}";

    /** {@code size} bytes of a pattern that does not repeat at block or chunk boundaries. */
    private static byte[] content(int size) {
        byte[] content = new byte[size];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 31 + i / 251);
        }
        return content;
    }

    /** A decoder that has read the response declaring Media {@code m}, handing what it decodes to {@code received}. */
    private static Decoder declared(List<Message> received) {
        Decoder decoder = WireCodec.builder().maxMediaBytes(10_000_000).build().newDecoder(received::add);
        decoder.text(DECLARE);
        return decoder;
    }

    /** The CHUNK_HEADER of chunk {@code index} of Media {@code m}. */
    private static String header(int index, boolean last) {
        return "{\"type\": \"CHUNK_HEADER\", \"requestId\": \"r\", \"mediaId\": \"m\", \"chunkIndex\": " + index
                + ", \"lastChunk\": " + last + "}";
    }

    @ParameterizedTest(name = "chunks of {0} bytes")
    @ValueSource(ints = {1, 7, 1000, 65_536, 65_537, 1 << 20, 3_000_000, 5_000_000})
    void bytesSurviveAnyChunking(int chunk) {
        byte[] content = content(chunk == 1 ? 70_000 : 5_000_000);
        List<Message> received = new ArrayList<>();
        Decoder decoder = declared(received);
        int index = 0;
        for (int offset = 0; offset < content.length; offset += chunk) {
            int length = Math.min(chunk, content.length - offset);
            decoder.text(header(index++, offset + length == content.length));
            decoder.binary(ByteBuffer.wrap(content, offset, length));
        }
        assertThat(received).hasSize(1);
        Media media = (Media) ((Message.Response) received.get(0)).value();
        assertThat(media).isEqualTo(new BlobMedia("application/octet-stream", content));
    }

    @ParameterizedTest(name = "adopted frames of {0} bytes, every third one copied")
    @ValueSource(ints = {1, 1000, 65_536, 65_537, 1 << 20, 5_000_000})
    void bytesSurviveAdoptedFramesMixedWithCopiedOnes(int chunk) {
        byte[] content = content(chunk == 1 ? 7_000 : 5_000_000);
        List<Message> received = new ArrayList<>();
        Decoder decoder = declared(received);
        int index = 0;
        for (int offset = 0; offset < content.length; offset += chunk) {
            int length = Math.min(chunk, content.length - offset);
            decoder.text(header(index, offset + length == content.length));
            byte[] frame = java.util.Arrays.copyOfRange(content, offset, offset + length);
            if (index++ % 3 == 2) {
                // an array the frame does not fill is copied, as are the bytes after it until a block is full
                byte[] roomy = java.util.Arrays.copyOf(frame, length + 5);
                decoder.binaryAdopting(ByteBuffer.wrap(roomy, 0, length));
            } else {
                decoder.binaryAdopting(ByteBuffer.wrap(frame));
            }
        }
        assertThat(received).hasSize(1);
        Media media = (Media) ((Message.Response) received.get(0)).value();
        assertThat(media).isEqualTo(new BlobMedia("application/octet-stream", content));
    }
}
