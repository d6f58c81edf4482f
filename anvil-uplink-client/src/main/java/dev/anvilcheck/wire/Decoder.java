package dev.anvilcheck.wire;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads the frames of one connection, in arrival order, into {@link Message}s (Uplink protocol §3,
 * §4): text frames are JSON messages, told apart by their keys; the special values of their
 * {@code objects} lists are rebuilt at their paths as the value model's canonical values; a
 * message that declares Media is held until every one of its Media has received its last chunk
 * (or failed), then handed on whole (MEDIA-02). {@code CHUNK_HEADER} and {@code MEDIA_ERROR} are
 * consumed here. Frames that break the protocol in ways the official server tolerates (a binary
 * frame without a header, a chunk for Media nobody waits for) are dropped and reported to the
 * anomaly listener; a text frame that is not a valid message raises {@link WireFormatException}.
 * The memory of the Media being received is reserved from a {@linkplain #mediaQuota quota}; a
 * chunk it cannot grant drops its message and raises {@link WireFormatException} with that
 * message's JSON. Methods are synchronized, so a timer may call {@link #expireStalledMedia()} while a reader feeds
 * frames.
 *
 * @since 0.1
 */
public final class Decoder {
    // The coordinator of the decoding stages: JsonTree reads a text frame (outside the lock);
    // MessageClassifier makes it a Message, with ObjectsPatcher rebuilding its special values;
    // MediaAssembler holds it until its Media are done. The stages keep no lock of their own and are
    // called only under this decoder's; complete messages are delivered after the lock is released.
    private final Consumer<Message> deliver;
    private final MediaAssembler media;
    private final MessageClassifier classifier;
    private Consumer<String> anomalies = a -> { };
    private boolean closed;

    Decoder(WireCodec codec, Consumer<Message> deliver) {
        this.deliver = deliver;
        this.media = new MediaAssembler(codec, anomaly -> anomalies.accept(anomaly));
        this.classifier = new MessageClassifier(new ObjectsPatcher(codec), media);
    }

    /**
     * Where dropped frames are reported, e.g. a chunk for Media no message declared; by default
     * nowhere.
     *
     * @param listener receives a description of each anomaly
     * @return this decoder
     */
    public synchronized Decoder onAnomaly(Consumer<String> listener) {
        this.anomalies = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /**
     * Bounds the bytes of Media this decoder holds while it waits for the rest of them (the
     * buffers of Media being received, and the Media of a message until it is handed on): a chunk
     * the quota cannot grant drops the whole message it belongs to, with all its Media, and
     * {@link #binary} raises {@link WireFormatException} carrying that message's JSON and naming
     * the quota's limit, so the receiver can answer the call it was (Uplink protocol §3.6). By
     * default there is no bound but the codec's per-Media one. Set it before the first frame.
     *
     * @param quota the quota, typically one per connection whose parent bounds all connections
     * @return this decoder
     * @throws IllegalStateException if Media is being received
     */
    public synchronized Decoder mediaQuota(MediaQuota quota) {
        media.quota(Objects.requireNonNull(quota, "quota"));
        return this;
    }

    /**
     * Reads one text frame.
     *
     * @param text the frame's text
     * @throws WireFormatException if it is not a valid message
     */
    public void text(CharSequence text) {
        Map<String, Object> json;
        try {
            json = JsonTree.readObject(text.toString());
        } catch (IOException | RuntimeException e) {
            throw new WireFormatException("Not a JSON object: " + e.getMessage(), null, e);
        }
        accept(json);
    }

    /**
     * Reads one text frame given as UTF-8 bytes.
     *
     * @param utf8 the bytes
     * @param offset where the frame starts
     * @param length its length
     * @throws WireFormatException if it is not a valid message
     */
    public void text(byte[] utf8, int offset, int length) {
        Map<String, Object> json;
        try {
            json = JsonTree.readObject(utf8, offset, length);
        } catch (IOException | RuntimeException e) {
            throw new WireFormatException("Not a JSON object: " + e.getMessage(), null, e);
        }
        accept(json);
    }

    /**
     * Reads one binary frame: the chunk announced by the last {@code CHUNK_HEADER} (Uplink protocol
     * §3.6). A frame without a header, or for Media no held message declared, is dropped and
     * reported, as the official server drops it.
     *
     * @param chunk the frame's bytes, consumed
     * @throws WireFormatException if the {@linkplain #mediaQuota quota} refused the chunk; its
     *     message was dropped
     */
    public void binary(ByteBuffer chunk) {
        binary(chunk, false);
    }

    /**
     * Reads one binary frame as {@link #binary(ByteBuffer)} does, keeping {@code frame}'s array as
     * part of the Media it belongs to instead of copying its bytes (issue 13): for a receiver that
     * copied the frame into an array of its own, such as a client whose socket reuses its buffers.
     * The array may end up as the content of the Media delivered. An array the frame does not fill,
     * or that starts a Media already partly received into a buffer with room left, is copied as
     * {@code binary} copies.
     *
     * @param frame the frame's bytes: a buffer over a whole array that nobody else holds or will
     *     change; consumed
     * @throws WireFormatException as {@link #binary(ByteBuffer)}
     * @since 0.1
     */
    public void binaryAdopting(ByteBuffer frame) {
        binary(frame, true);
    }

    private void binary(ByteBuffer chunk, boolean adopt) {
        Message complete;
        synchronized (this) {
            complete = media.chunk(chunk, adopt);
        }
        if (complete != null) {
            deliver.accept(complete);
        }
    }

    /**
     * Fails every Media transfer that has made no progress for longer than the codec's media
     * timeout, as the official server does after 60 s: reading it raises
     * {@code anvil.server.TimeoutError} "Timeout during media transfer", and a message it held is
     * handed on (Uplink protocol §3.6). Progress is 64 000 bytes (the official server's chunk) since
     * the Media was declared or last made progress, or its last chunk; a chunk now and then that
     * brings less does not restart the timeout, so a peer trickling bytes cannot hold Media for ever.
     *
     * @return how many Media were failed
     */
    public int expireStalledMedia() {
        List<Message> complete = new ArrayList<>();
        int failed;
        synchronized (this) {
            failed = media.expireStalled(complete::add);
        }
        complete.forEach(deliver);
        return failed;
    }

    /**
     * How many messages are waiting for Media chunks.
     *
     * @return the count
     */
    public synchronized int pendingMessages() {
        return media.pending();
    }

    /**
     * Forgets every message still waiting for Media, as when the socket closed, giving back to the
     * quota what their Media held; later frames are ignored.
     *
     * @return how many messages were dropped
     */
    public synchronized int close() {
        closed = true;
        return media.clear();
    }

    private void accept(Map<String, Object> json) {
        Message message;
        synchronized (this) {
            if (closed) {
                return;
            }
            message = classifier.classify(json);
        }
        if (message != null) {
            deliver.accept(message);
        }
    }

    /** One JSON document of any kind, read as plain values are (§4.1); for {@link WireCodec#readJson}. */
    static Object readDocument(byte[] utf8) {
        return JsonTree.readDocument(utf8);
    }

    @Override
    public synchronized String toString() {
        return "Decoder[" + media.pending() + " message(s) waiting for Media]";
    }
}
