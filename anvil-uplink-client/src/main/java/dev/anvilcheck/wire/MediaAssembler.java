package dev.anvilcheck.wire;

import static dev.anvilcheck.wire.JsonTree.requireString;

import dev.anvilcheck.media.BlobMedia;
import dev.anvilcheck.server.InternalError;
import dev.anvilcheck.server.TimeoutError;
import dev.anvilcheck.server.host.WireError;
import dev.anvilcheck.value.UndeliveredMedia;
import dev.anvilcheck.wire.ObjectsPatcher.DeclaredMedia;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Reassembles the Media of received messages (Uplink protocol §3.6, §3.7; MEDIA-01..03): holds
 * each message that declared Media, keyed by its id, appends the binary frame announced by each
 * {@code CHUNK_HEADER} to its Media, and once every Media of a message has received its last
 * chunk or failed, gives back the message, built whole (MEDIA-02). Media fails on a
 * {@code MEDIA_ERROR}, when it outgrows the codec's limit, or when it stalls longer than the
 * codec's media timeout; its slot then holds the value that raises the error when read (MEDIA-03).
 * A frame it cannot place (a binary frame without a header, a chunk or error for Media nobody
 * waits for, a header whose frame never came) is dropped and reported to the anomaly listener, as
 * the official server drops it. Not thread-safe: its {@link Decoder} calls it under its own lock.
 */
final class MediaAssembler {
    /** The largest block a Media's bytes are received into before they are joined. */
    private static final int MAX_BLOCK = 1 << 20;

    private final WireCodec codec;
    private final Consumer<String> anomalies;
    private final Map<String, Held> held = new HashMap<>();
    private Header nextHeader;

    /** A chunk header waiting for its binary frame. */
    private record Header(String requestId, String mediaId, boolean last) {}

    /** A message waiting for its Media, and how to build it once none remains. */
    private static final class Held {
        final Supplier<Message> build;
        final Map<String, IncomingMedia> media = new LinkedHashMap<>();
        int remaining;

        Held(Supplier<Message> build) {
            this.build = build;
        }
    }

    /** One Media being received: its declared type and name, its bytes so far, where it goes. */
    private static final class IncomingMedia {
        final String contentType;
        final String name;
        final DeclaredMedia declared;
        /**
         * The bytes so far, in blocks each copied into once and joined once, when the last chunk
         * has come: a new block is as large as the chunk that opens it or as all the bytes before
         * it, up to 1 MiB, so that the blocks never hold more than twice the bytes received.
         */
        List<byte[]> blocks = new ArrayList<>();
        byte[] tail;
        int tailUsed;
        int length;
        long lastActivity;
        boolean done;

        IncomingMedia(DeclaredMedia declared, long now) {
            this.contentType = declared.contentType();
            this.name = declared.name();
            this.declared = declared;
            this.lastActivity = now;
        }

        void append(ByteBuffer chunk) {
            int n = chunk.remaining();
            while (n > 0) {
                if (tail == null || tailUsed == tail.length) {
                    tail = new byte[Math.max(n, Math.min(length, MAX_BLOCK))];
                    blocks.add(tail);
                    tailUsed = 0;
                }
                int k = Math.min(n, tail.length - tailUsed);
                chunk.get(tail, tailUsed, k);
                tailUsed += k;
                length += k;
                n -= k;
            }
        }

        /** The bytes as one array of {@code length} bytes. */
        byte[] joined() {
            if (blocks.size() == 1 && tailUsed == tail.length) {
                return tail;
            }
            byte[] all = new byte[length];
            int at = 0;
            for (byte[] b : blocks) {
                int used = b == tail ? tailUsed : b.length;
                System.arraycopy(b, 0, all, at, used);
                at += used;
            }
            return all;
        }

        void place(Object value) {
            declared.place(value);
        }
    }

    MediaAssembler(WireCodec codec, Consumer<String> anomalies) {
        this.codec = codec;
        this.anomalies = anomalies;
    }

    /**
     * Holds the message {@code requestId} until each of its {@code declared} Media is done; then
     * {@code build} makes the message, raising {@link WireFormatException} if it is not valid.
     */
    void hold(String requestId, List<DeclaredMedia> declared, Supplier<Message> build) {
        Held h = new Held(build);
        for (DeclaredMedia d : declared) {
            h.media.put(d.id(), new IncomingMedia(d, codec.clock().millis()));
            h.remaining++;
        }
        held.put(requestId, h);
    }

    /** Reads a {@code CHUNK_HEADER}: the next binary frame is a chunk of the Media it names. */
    void header(Map<String, Object> json) {
        if (nextHeader != null) {
            anomalies.accept("a CHUNK_HEADER for Media " + nextHeader.mediaId()
                    + " was not followed by its binary frame");
        }
        nextHeader = new Header(requireString(json, "requestId"), requireString(json, "mediaId"),
                Boolean.TRUE.equals(json.get("lastChunk")));
    }

    /**
     * Reads a binary frame, the chunk announced by the last header.
     *
     * @return the message the chunk completed, or {@code null}
     */
    Message chunk(ByteBuffer chunk) {
        Header header = nextHeader;
        nextHeader = null;
        if (header == null) {
            anomalies.accept("a binary frame of " + chunk.remaining() + " bytes without a CHUNK_HEADER was dropped");
            return null;
        }
        Held h = held.get(header.requestId());
        IncomingMedia m = h == null ? null : h.media.get(header.mediaId());
        if (m == null || m.done) {
            anomalies.accept("a chunk for Media " + header.mediaId() + " of message " + header.requestId()
                    + ", which is not being received, was dropped");
            return null;
        }
        m.lastActivity = codec.clock().millis();
        if ((long) m.length + chunk.remaining() > codec.maxMediaBytes()) {
            return fail(header.requestId(), h, m, new InternalError("Media larger than "
                    + codec.maxMediaBytes() + " bytes cannot be received").errorObj());
        }
        m.append(chunk);
        if (!header.last()) {
            return null;
        }
        m.done = true;
        m.place(new BlobMedia(m.contentType, m.joined(), m.name));
        m.blocks = null;
        m.tail = null;
        return settle(header.requestId(), h);
    }

    /**
     * Reads a {@code MEDIA_ERROR}: fails the named Media of the message {@code requestId} with
     * {@code cause}.
     *
     * @return the message that failing them completed, or {@code null}
     */
    Message mediaError(String requestId, List<?> mediaIds, WireError cause) {
        Held h = held.get(requestId);
        Message complete = null;
        for (Object mediaId : mediaIds) {
            IncomingMedia m = h == null ? null : h.media.get(String.valueOf(mediaId));
            if (m == null || m.done) {
                anomalies.accept("MEDIA_ERROR for Media " + mediaId + " of message " + requestId
                        + ", which is not being received, was ignored");
            } else {
                Message done = fail(requestId, h, m, cause);
                complete = done != null ? done : complete;
            }
        }
        return complete;
    }

    /**
     * Fails every Media idle longer than the codec's media timeout with {@code TimeoutError}
     * "Timeout during media transfer".
     *
     * @param completed receives each message that failing them completed
     * @return how many Media were failed
     */
    int expireStalled(Consumer<Message> completed) {
        int failed = 0;
        long limit = codec.clock().millis() - codec.mediaTimeout().toMillis();
        WireError timeout = new TimeoutError("Timeout during media transfer").errorObj();
        for (Map.Entry<String, Held> e : new ArrayList<>(held.entrySet())) {
            for (IncomingMedia m : e.getValue().media.values()) {
                if (!m.done && m.lastActivity < limit) {
                    failed++;
                    Message done = fail(e.getKey(), e.getValue(), m, timeout);
                    if (done != null) {
                        completed.accept(done);
                    }
                }
            }
        }
        return failed;
    }

    /** How many messages are waiting for Media. */
    int pending() {
        return held.size();
    }

    /** Forgets every held message and any header waiting for its frame; how many messages it dropped. */
    int clear() {
        int dropped = held.size();
        held.clear();
        nextHeader = null;
        return dropped;
    }

    private Message fail(String requestId, Held h, IncomingMedia m, WireError cause) {
        m.done = true;
        m.blocks = null;
        m.tail = null;
        m.place(new UndeliveredMedia(m.contentType, m.name, cause));
        return settle(requestId, h);
    }

    /** Counts one Media done; the message, built, once none remains. */
    private Message settle(String requestId, Held h) {
        if (--h.remaining > 0) {
            return null;
        }
        held.remove(requestId);
        return h.build.get();
    }
}
