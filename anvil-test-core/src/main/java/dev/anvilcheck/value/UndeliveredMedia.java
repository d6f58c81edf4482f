package dev.anvilcheck.value;

import dev.anvilcheck.media.Media;
import dev.anvilcheck.server.host.WireError;

/**
 * The receiver's copy of a Media whose content the sender failed to deliver (MEDIA-03): it has the
 * content type and name that were sent, and reading its bytes or length raises the sender's error
 * as it crosses the wire, re-created on each read (ERR-01..05).
 */
final class UndeliveredMedia implements Media {
    private final String contentType;
    private final String name;
    private final WireError error;

    UndeliveredMedia(String contentType, String name, WireError error) {
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
        return "Media[" + contentType + (name == null ? "" : ", " + name) + ", not delivered: " + error.type()
                + ": " + error.message() + "]";
    }
}
