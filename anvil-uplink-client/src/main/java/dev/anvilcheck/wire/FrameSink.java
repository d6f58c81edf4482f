package dev.anvilcheck.wire;

import java.nio.ByteBuffer;

/**
 * Where an {@link Encoded} message's frames go, in order: its text frame, then for each Media a
 * {@code CHUNK_HEADER} text frame immediately followed by its binary frame (Uplink protocol §3.6).
 * A transport that several threads write to must hold one lock while one message's frames go out,
 * so that a header is never separated from its binary frame.
 *
 * @since 0.1
 */
public interface FrameSink {
    /**
     * Sends one text frame.
     *
     * @param utf8 the JSON text, UTF-8 encoded; the sink may keep the array
     */
    void text(byte[] utf8);

    /**
     * Sends one binary frame.
     *
     * @param bytes the chunk, a read-only view the sink may keep
     */
    void binary(ByteBuffer bytes);
}
