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
 * A Media stalls when it has not made {@link #PROGRESS_BYTES} of progress for the whole timeout:
 * the timeout restarts each time that many bytes have arrived since it last restarted (or the Media
 * ends), not on every chunk, so a peer that trickles a byte now and then cannot keep what it holds
 * for ever. The memory each Media occupies (its buffer, then its bytes until the message is handed
 * on) is reserved from a {@link MediaQuota}; a chunk the quota cannot grant drops the whole
 * message with all its Media and raises {@link WireFormatException} naming the limit, so that the
 * receiver answers the message it was.
 * A frame it cannot place (a binary frame without a header, a chunk or error for Media nobody
 * waits for, a header whose frame never came) is dropped and reported to the anomaly listener, as
 * the official server drops it. Not thread-safe: its {@link Decoder} calls it under its own lock.
 */
final class MediaAssembler {
    /**
     * The progress that restarts a Media's timeout: the official server's chunk (64 000 bytes, the
     * smaller of the two official chunk sizes), so each whole chunk of either official sender
     * restarts it, as on the platform, while smaller chunks add up.
     */
    static final int PROGRESS_BYTES = 64_000;

    /** The largest block a Media's bytes are received into before they are joined. */
    private static final int MAX_BLOCK = 1 << 20;

    private final WireCodec codec;
    private final Consumer<String> anomalies;
    private final Map<String, Held> held = new HashMap<>();
    private MediaQuota quota = MediaQuota.unbounded();
    private Header nextHeader;

    /** A chunk header waiting for its binary frame. */
    private record Header(String requestId, String mediaId, boolean last) {}

    /** A message waiting for its Media, and how to build it once none remains. */
    private static final class Held {
        final Map<String, Object> json;
        final Supplier<Message> build;
        final Map<String, IncomingMedia> media = new LinkedHashMap<>();
        int remaining;

        Held(Map<String, Object> json, Supplier<Message> build) {
            this.json = json;
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
        /** The bytes reserved from the quota for this Media: its blocks' sizes, then its length once done. */
        long reserved;
        /** When the Media was declared or last made {@link #PROGRESS_BYTES} of progress. */
        long lastActivity;
        /** The bytes that arrived since {@link #lastActivity}. */
        long sinceProgress;
        boolean done;

        IncomingMedia(DeclaredMedia declared, long now) {
            this.contentType = declared.contentType();
            this.name = declared.name();
            this.declared = declared;
            this.lastActivity = now;
        }

        /**
         * Appends {@code chunk}, reserving each new block from {@code quota}: as large as the
         * sizing rule above asks, as far as the quota has room, else just large enough.
         *
         * @return the quota that refused a block, or {@code null} once every byte is in
         */
        MediaQuota append(ByteBuffer chunk, MediaQuota quota) {
            int n = chunk.remaining();
            while (n > 0) {
                if (tail == null || tailUsed == tail.length) {
                    long wanted = Math.max(n, Math.min(length, MAX_BLOCK));
                    long size = Math.max(n, Math.min(wanted, quota.available()));
                    MediaQuota refused = quota.tryReserve(size);
                    if (refused != null) {
                        return refused;
                    }
                    reserved += size;
                    tail = new byte[(int) size];
                    blocks.add(tail);
                    tailUsed = 0;
                }
                int k = Math.min(n, tail.length - tailUsed);
                chunk.get(tail, tailUsed, k);
                tailUsed += k;
                length += k;
                n -= k;
            }
            return null;
        }

        /**
         * Whether {@code chunk} can become a block as it is: it fills its whole array, and no block
         * has room left (the blocks are joined in order, each up to its bytes used).
         */
        boolean canAdopt(ByteBuffer chunk) {
            return chunk.hasArray() && !chunk.isReadOnly() && chunk.arrayOffset() == 0 && chunk.position() == 0
                    && chunk.limit() == chunk.array().length && chunk.limit() > 0
                    && (tail == null || tailUsed == tail.length);
        }

        /**
         * Keeps {@code chunk}'s array as the next block, reserving its size from {@code quota}.
         *
         * @return the quota that refused it, or {@code null}
         */
        MediaQuota adopt(ByteBuffer chunk, MediaQuota quota) {
            int n = chunk.remaining();
            MediaQuota refused = quota.tryReserve(n);
            if (refused != null) {
                return refused;
            }
            reserved += n;
            tail = chunk.array();
            blocks.add(tail);
            tailUsed = n;
            length += n;
            chunk.position(chunk.limit());
            return null;
        }

        /** The bytes as one array of {@code length} bytes. */
        byte[] joined() {
            if (tail == null) {
                return new byte[0];
            }
            if (blocks.size() == 1 && tailUsed == tail.length) {
                return tail;
            }
            byte[] all = new byte[length];
            int at = 0;
            for (byte[] block : blocks) {
                int used = block == tail ? tailUsed : block.length;
                System.arraycopy(block, 0, all, at, used);
                at += used;
            }
            return all;
        }

        /** Frees the blocks and gives back everything reserved for them. */
        void free(MediaQuota quota) {
            blocks = null;
            tail = null;
            quota.release(reserved);
            reserved = 0;
        }

        void place(Object value) {
            declared.place(value);
        }
    }

    MediaAssembler(WireCodec codec, Consumer<String> anomalies) {
        this.codec = codec;
        this.anomalies = anomalies;
    }

    /** Reserves the memory of the Media being received from {@code quota}; only while none is. */
    void quota(MediaQuota quota) {
        if (!held.isEmpty()) {
            throw new IllegalStateException("the Media quota cannot change while Media is being received");
        }
        this.quota = quota;
    }

    /**
     * Holds the message {@code requestId} ({@code json}, for the error that refuses it) until each
     * of its {@code declared} Media is done; then {@code build} makes the message, raising
     * {@link WireFormatException} if it is not valid.
     */
    void hold(String requestId, Map<String, Object> json, List<DeclaredMedia> declared, Supplier<Message> build) {
        Held h = new Held(json, build);
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
     * @param adopt whether {@code chunk}'s array, if the chunk fills it, may be kept as a block
     * @return the message the chunk completed, or {@code null}
     */
    Message chunk(ByteBuffer chunk, boolean adopt) {
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
        int n = chunk.remaining();
        if ((long) m.length + n > codec.maxMediaBytes()) {
            return fail(header.requestId(), h, m, new InternalError("Media larger than "
                    + codec.maxMediaBytes() + " bytes cannot be received").errorObj());
        }
        MediaQuota refused = adopt && m.canAdopt(chunk) ? m.adopt(chunk, quota) : m.append(chunk, quota);
        if (refused != null) {
            throw refuse(header.requestId(), header.mediaId(), h, refused);
        }
        m.sinceProgress += n;
        if (m.sinceProgress >= PROGRESS_BYTES) {
            m.lastActivity = codec.clock().millis();
            m.sinceProgress = 0;
        }
        if (!header.last()) {
            return null;
        }
        m.done = true;
        byte[] content = m.joined();
        // the blocks' slack is freed; the bytes stay reserved until the message is handed on
        quota.release(m.reserved - m.length);
        m.reserved = m.length;
        m.blocks = null;
        m.tail = null;
        m.place(BlobMedia.adopting(m.contentType, content, m.name)); // the joined bytes are the Media's alone
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

    /**
     * Forgets every held message and any header waiting for its frame, giving back what their Media
     * held; how many messages it dropped.
     */
    int clear() {
        int dropped = held.size();
        held.values().forEach(this::free);
        held.clear();
        nextHeader = null;
        return dropped;
    }

    private Message fail(String requestId, Held h, IncomingMedia m, WireError cause) {
        m.done = true;
        m.free(quota);
        m.place(new UndeliveredMedia(m.contentType, m.name, cause));
        return settle(requestId, h);
    }

    /** Counts one Media done; the message, built, once none remains (its Media's bytes are then the receiver's). */
    private Message settle(String requestId, Held h) {
        if (--h.remaining > 0) {
            return null;
        }
        held.remove(requestId);
        free(h);
        return h.build.get();
    }

    /**
     * Drops the message {@code requestId}, whose Media {@code mediaId} the quota {@code refused}
     * could not grow, with all its Media; the error says which limit it met.
     */
    private WireFormatException refuse(String requestId, String mediaId, Held h, MediaQuota refused) {
        held.remove(requestId);
        free(h);
        return new WireFormatException("Media " + mediaId + " of message " + requestId + " was refused: "
                + refused.name() + " may hold at most " + refused.limit() + " bytes of Media still arriving",
                h.json, null);
    }

    /** Gives back what the Media of {@code h} hold. */
    private void free(Held h) {
        for (IncomingMedia m : h.media.values()) {
            quota.release(m.reserved);
            m.reserved = 0;
        }
    }
}
