package dev.anvilcheck.runtime.internal.http;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * The body of one request as it arrives, copied once from the socket's buffers into one array that
 * becomes the body the endpoint sees (issue 13 F4: no aggregate buffer, no second copy). With a
 * declared {@code Content-Length} the array ends exactly that long; it is not allocated whole when
 * the head arrives but grows fourfold as bytes arrive, and goes straight to the declared length
 * once a quarter of it would be reached, so a client that declares a large body and sends little
 * holds little (at most 16 times what it sent, from 64 KiB), and the arrays left behind add at
 * most a third to the body's size. A chunked body (no declared length) doubles and is trimmed once
 * at its end. Never more than {@code max} bytes.
 */
final class BodyBuffer {
    private static final int FIRST = 64 * 1024;
    private static final int GROWTH = 4;

    private final long declared;
    private final int max;
    private byte[] bytes = new byte[0];
    private int size;

    /**
     * @param declared the {@code Content-Length}, at most {@code max}, or -1 if none
     * @param max the largest body accepted
     */
    BodyBuffer(long declared, int max) {
        this.declared = declared;
        this.max = max;
    }

    /**
     * Copies the readable bytes of {@code content}, leaving its indexes as they are.
     *
     * @return false, copying nothing, if the body would then be longer than the limit
     */
    boolean add(ByteBuf content) {
        int n = content.readableBytes();
        if (n == 0) {
            return true;
        }
        long needed = (long) size + n;
        if (needed > max || declared >= 0 && needed > declared) {
            return false;
        }
        if (needed > bytes.length) {
            long capacity;
            if (declared >= 0) {
                capacity = Math.max(FIRST, needed * GROWTH);
                if (capacity * GROWTH >= declared) {
                    capacity = declared; // the last step: straight to the whole body
                }
            } else {
                capacity = Math.min(max, Math.max(FIRST, Math.max(needed, 2L * bytes.length)));
            }
            bytes = Arrays.copyOf(bytes, (int) capacity);
        }
        content.getBytes(content.readerIndex(), bytes, size, n);
        size = (int) needed;
        return true;
    }

    /** @return the bytes received so far */
    int size() {
        return size;
    }

    /** @return the body, or {@code null} if it is empty; the buffer must not be used afterwards */
    byte[] take() {
        if (size == 0) {
            return null;
        }
        byte[] body = size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
        bytes = null;
        return body;
    }
}
