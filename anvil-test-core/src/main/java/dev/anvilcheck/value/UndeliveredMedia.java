package dev.anvilcheck.value;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.anvilcheck.media.Media;
import dev.anvilcheck.server.host.WireError;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The receiver's copy of a Media whose content the sender failed to deliver (MEDIA-03): it has the
 * content type and name that were sent, and reading its bytes or length raises the sender's error
 * as it crosses the wire, re-created on each read (ERR-01..05). A {@link Crossing} makes one for
 * in-memory Media whose bytes cannot be read; codecs and runtimes that receive Media make one when
 * the sender reports that it could not send the content.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class UndeliveredMedia implements Media {
    private final String contentType;
    private final String name;
    private final WireError error;

    /**
     * A Media with the content type and name that were sent, whose bytes and length raise
     * {@code error} as it crosses the wire.
     *
     * @param contentType the content type that was sent
     * @param name the name that was sent, or {@code null}
     * @param error the sender's error
     * @throws NullPointerException if {@code error} is {@code null}
     */
    public UndeliveredMedia(String contentType, String name, WireError error) {
        this.contentType = contentType;
        this.name = name;
        this.error = Objects.requireNonNull(error, "error");
    }

    /**
     * The content type that was sent.
     *
     * @return the content type
     */
    @Override
    public String contentType() {
        return contentType;
    }

    /**
     * The name that was sent.
     *
     * @return the name, or {@code null}
     */
    @Override
    public String name() {
        return name;
    }

    /**
     * Raises the sender's error, as it crosses the wire (MEDIA-03).
     *
     * @return never
     * @throws RuntimeException the sender's error, a new exception on each call
     */
    @Override
    public byte[] getBytes() {
        throw error.toException();
    }

    /**
     * Raises the sender's error, as it crosses the wire (MEDIA-03).
     *
     * @return never
     * @throws RuntimeException the sender's error, a new exception on each call
     */
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
