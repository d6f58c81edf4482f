package dev.anvilcheck.soak.internal;

import java.nio.charset.StandardCharsets;

/**
 * One WebSocket message the fuzzer sends, with the category the report counts it under.
 * {@link Kind#TEXT} and {@link Kind#BINARY} are sent as one masked frame each (or, when
 * {@code fragments} is above 1, as that many frames with continuations); {@link Kind#PING} as a
 * ping; {@link Kind#RAW} bytes are written to the socket as they are, framing and all, to break
 * the WebSocket framing itself.
 *
 * @param kind how it is framed
 * @param payload the message's bytes (for {@link Kind#RAW}, the bytes on the wire)
 * @param category what it is, for the report and for a reproduction
 * @param fragments how many frames a text or binary message is split into (1: not split)
 * @since 0.1
 */
public record Frame(Kind kind, byte[] payload, String category, int fragments) {
    /**
     * How a frame goes on the wire.
     *
     * @since 0.1
     */
    public enum Kind {
        /** A text message. */
        TEXT,
        /** A binary message (a Media chunk, or junk). */
        BINARY,
        /** A ping control frame. */
        PING,
        /** Bytes written as they are: a deliberately malformed WebSocket frame. */
        RAW
    }

    /**
     * A text frame in one piece.
     *
     * @param payload the UTF-8 bytes (or deliberately not UTF-8)
     * @param category its category
     * @return the frame
     * @since 0.1
     */
    public static Frame text(byte[] payload, String category) {
        return new Frame(Kind.TEXT, payload, category, 1);
    }

    /**
     * A binary frame in one piece.
     *
     * @param payload the bytes
     * @param category its category
     * @return the frame
     * @since 0.1
     */
    public static Frame binary(byte[] payload, String category) {
        return new Frame(Kind.BINARY, payload, category, 1);
    }

    /**
     * A short description for a reproduction: the kind, category, size and the first bytes (as
     * text for a text frame, in hex otherwise).
     *
     * @param max how many bytes to show at most
     * @return the description
     * @since 0.1
     */
    public String describe(int max) {
        int n = Math.min(max, payload.length);
        String head;
        if (kind == Kind.TEXT) {
            head = new String(payload, 0, n, StandardCharsets.UTF_8);
        } else {
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < n; i++) {
                hex.append(String.format("%02x", payload[i] & 0xff));
            }
            head = hex.toString();
        }
        return kind + " " + category + " (" + payload.length + " bytes" + (fragments > 1 ? ", " + fragments
                + " fragments" : "") + "): " + head + (n < payload.length ? "..." : "");
    }
}
