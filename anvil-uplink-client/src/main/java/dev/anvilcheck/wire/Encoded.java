package dev.anvilcheck.wire;

import dev.anvilcheck.media.Media;
import dev.anvilcheck.server.host.WireError;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * One message as it goes on the wire: its JSON text frame, and the Media it declared, whose bytes
 * follow as {@code CHUNK_HEADER} text frames each followed by one binary frame of at most the
 * codec's chunk size; an empty Media is one empty chunk (Uplink protocol §3.6; MEDIA-02). A Media
 * whose bytes cannot be read when its chunks are written goes as {@code MEDIA_ERROR} with the
 * error it raised instead (§3.7; MEDIA-03). Immutable; {@link #writeTo(FrameSink)} may be called
 * more than once.
 *
 * @since 0.1
 */
public final class Encoded {
    private final String requestId;
    private final byte[] text;
    private final List<OutgoingMedia> media;
    private final int chunkSize;

    /** A Media declared by a message: its id in the message's {@code objects} and the Media. */
    record OutgoingMedia(String id, Media media) {}

    Encoded(String requestId, byte[] text, List<OutgoingMedia> media, int chunkSize) {
        this.requestId = requestId;
        this.text = text;
        this.media = List.copyOf(media);
        this.chunkSize = chunkSize;
    }

    /**
     * The message's JSON text.
     *
     * @return the text
     */
    public String text() {
        return new String(text, StandardCharsets.UTF_8);
    }

    /**
     * The message's JSON text, UTF-8 encoded.
     *
     * @return a copy of the bytes
     */
    public byte[] textBytes() {
        return text.clone();
    }

    /**
     * The length of the text frame in bytes, which a sender checks against its frame limit
     * (Uplink protocol §1.5).
     *
     * @return the length
     */
    public int textLength() {
        return text.length;
    }

    /**
     * How many Media the message declared, whose chunks follow its text frame.
     *
     * @return the count
     */
    public int mediaCount() {
        return media.size();
    }

    /**
     * Writes the message's frames to {@code sink}, in order: the text frame, then each Media's
     * chunks, or its {@code MEDIA_ERROR} if its bytes cannot be read (MEDIA-02, MEDIA-03).
     *
     * @param sink where the frames go
     */
    public void writeTo(FrameSink sink) {
        Objects.requireNonNull(sink, "sink");
        sink.text(text);
        for (OutgoingMedia m : media) {
            ByteBuffer content;
            try {
                // BlobMedia lends its own bytes, read-only; other Media are read once
                content = m.media() instanceof dev.anvilcheck.media.BlobMedia blob ? blob.contentView()
                        : ByteBuffer.wrap(m.media().getBytes()).asReadOnlyBuffer();
            } catch (RuntimeException e) {
                sink.text(WireCodec.mediaError(requestId, m.id(), WireError.of(e)));
                continue;
            }
            int total = content.remaining();
            int index = 0;
            int offset = 0;
            do {
                int length = Math.min(chunkSize, total - offset);
                boolean last = offset + length == total;
                sink.text(WireCodec.chunkHeader(requestId, m.id(), index++, last));
                sink.binary(content.duplicate().position(offset).limit(offset + length).slice());
                offset += length;
            } while (offset < total);
        }
    }

    @Override
    public String toString() {
        return "Encoded[" + text() + (media.isEmpty() ? "" : " + " + media.size() + " Media") + "]";
    }
}
