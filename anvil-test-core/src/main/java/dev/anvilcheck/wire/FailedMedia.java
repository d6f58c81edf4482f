package dev.anvilcheck.wire;

import dev.anvilcheck.media.Media;
import dev.anvilcheck.server.WireError;

/**
 * Received Media whose sender did not deliver its content: reading its bytes or length raises the
 * error the sender sent with {@code MEDIA_ERROR}, or the one the receiver recorded when the
 * transfer stalled or the socket closed (MEDIA-03; Uplink protocol §3.7).
 */
final class FailedMedia implements Media {
    private final String contentType;
    private final String name;
    private final WireError error;

    FailedMedia(String contentType, String name, WireError error) {
        this.contentType = contentType;
        this.name = name;
        this.error = error;
    }

    @Override
    public String contentType() {
        return contentType;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public byte[] getBytes() {
        throw error.toException();
    }

    @Override
    public long length() {
        throw error.toException();
    }

    @Override
    public String toString() {
        return "Media[" + contentType + (name == null ? "" : ", " + name) + ", not delivered: " + error.type() + ": "
                + error.message() + "]";
    }
}
