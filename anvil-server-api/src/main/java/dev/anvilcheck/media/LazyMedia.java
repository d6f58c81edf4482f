package dev.anvilcheck.media;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Objects;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * Media that travels by reference and is fetched on first use ({@code anvil.server.LazyMedia},
 * MEDIA-04), such as Media read from a Data Table: crossing a call boundary copies the reference,
 * not the content, so the receiver gets a fresh, unfetched {@code LazyMedia} for the same media;
 * its content type, name, bytes and length are fetched from the source the first time any of them
 * is read, once per copy. Because it is only a reference, it may be stored where in-memory Media
 * may not: in {@code anvil.server.session} and in task state (SESS-06, MEDIA-05). The source is a
 * function of the test's or runtime's choosing, standing for the platform's
 * {@code anvil.private.fetch_lazy_media} call; an error it raises reaches the reader, and the next
 * read tries again. Two references are equal when they have the same id and the same source.
 * Thread-safe.
 *
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public final class LazyMedia implements Media {
    private final String id;
    private final Supplier<? extends Media> source;
    private volatile Media fetched;

    /**
     * A reference to the media with {@code id}, fetched from {@code source} on first use.
     *
     * @param id what identifies the media where it is stored, e.g. a row id and column
     * @param source fetches the media; called at most once per successful fetch of each copy
     * @throws NullPointerException if {@code id} or {@code source} is {@code null}
     */
    public LazyMedia(String id, Supplier<? extends Media> source) {
        this.id = Objects.requireNonNull(id, "id");
        this.source = Objects.requireNonNull(source, "source");
    }

    /**
     * What identifies the media where it is stored (the platform's lazy-media spec).
     *
     * @return the id
     */
    public String id() {
        return id;
    }

    /**
     * A new, unfetched reference to the same media from the same source: what a receiver gets
     * when this crosses a call boundary (MEDIA-04).
     *
     * @return the new reference
     */
    public LazyMedia reference() {
        return new LazyMedia(id, source);
    }

    /**
     * Whether this reference has fetched its media yet.
     *
     * @return true after the first successful read of any attribute
     */
    public boolean isFetched() {
        return fetched != null;
    }

    private Media fetch() {
        Media m = fetched;
        if (m == null) {
            synchronized (this) {
                m = fetched;
                if (m == null) {
                    m = Objects.requireNonNull(source.get(), "the LazyMedia source returned null for " + id);
                    fetched = m;
                }
            }
        }
        return m;
    }

    /**
     * The fetched media's content type (MEDIA-04).
     *
     * @return the content type
     */
    @Override
    public String contentType() {
        return fetch().contentType();
    }

    /**
     * The fetched media's name (MEDIA-04).
     *
     * @return the name, or {@code null}
     */
    @Override
    public String name() {
        return fetch().name();
    }

    /**
     * The fetched media's bytes (MEDIA-04).
     *
     * @return a fresh copy of the bytes
     */
    @Override
    public byte[] getBytes() {
        return fetch().getBytes();
    }

    /**
     * The fetched media's length (MEDIA-04).
     *
     * @return the length in bytes
     */
    @Override
    public long length() {
        return fetch().length();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LazyMedia m && id.equals(m.id) && source == m.source;
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "LazyMedia[" + id + (fetched == null ? ", not fetched" : ", " + fetched) + "]";
    }
}
