package dev.anvilcheck.media;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * Binary content with a content type and an optional name ({@code anvil.Media}). A Media crosses a
 * call boundary with the same content type, name and bytes, though not its URL (MEDIA-01); if its
 * content cannot be read while it is sent, the receiver's copy raises that error when its bytes are
 * read (MEDIA-03). In-memory Media may not be stored in the session, task state or cookies
 * (MEDIA-05, SESS-04); a {@link LazyMedia}, which travels by reference, may (MEDIA-04, SESS-06).
 *
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
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

    /**
     * A URL the content can be fetched from, or {@code null} ({@code media.url}). Media that
     * crossed a call boundary has none: the URL is not preserved (MEDIA-01).
     *
     * @return the URL, or {@code null}
     */
    default String url() {
        return null;
    }
}
