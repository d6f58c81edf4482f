package dev.anvilcheck.media;

/**
 * Binary content with a content type and an optional name ({@code anvil.Media}). A Media crosses a
 * call boundary with the same content type, name and bytes (MEDIA-01); in-memory Media may not be
 * stored in the session, task state or cookies (MEDIA-05, SESS-04).
 *
 * @since 0.1
 */
public interface Media {
    /**
     * The MIME type, e.g. {@code text/plain}.
     *
     * @return the content type, never {@code null}
     */
    String contentType();

    /**
     * The file name, or {@code null}.
     *
     * @return the name, or {@code null}
     */
    String name();

    /**
     * The content, as a fresh copy ({@code get_bytes()}).
     *
     * @return the bytes
     */
    byte[] getBytes();

    /**
     * The length of the content in bytes.
     *
     * @return the length
     */
    long length();
}
