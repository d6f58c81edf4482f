package dev.anvilcheck.media;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.STABLE;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * In-memory Media holding its bytes ({@code anvil.BlobMedia(content_type, content, name=None)},
 * MEDIA-06). Immutable: the bytes are copied in and out, and never change, so copies of one
 * BlobMedia ({@link #copy()}) share them.
 *
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public final class BlobMedia implements Media {
    private final String contentType;
    private final byte[] content;
    private final String name;

    /**
     * Creates Media from bytes.
     *
     * @param contentType the MIME type
     * @param content the bytes (MEDIA-06: must be bytes, never {@code null})
     * @param name the file name, or {@code null}
     * @throws dev.anvilcheck.python.TypeError if {@code contentType} or {@code content} is {@code null}
     */
    public BlobMedia(String contentType, byte[] content, String name) {
        if (contentType == null) {
            throw new dev.anvilcheck.python.TypeError("BlobMedia needs a content type, got null");
        }
        if (content == null) {
            throw new dev.anvilcheck.python.TypeError("BlobMedia content must be bytes, got null");
        }
        this.contentType = contentType;
        this.content = content.clone();
        this.name = name;
    }

    private BlobMedia(String contentType, String name, byte[] owned) {
        this.contentType = contentType;
        this.content = owned;
        this.name = name;
    }

    /**
     * Media that takes {@code content} as its own, without copying it: for a receiver that has just
     * assembled the bytes and hands them over. The caller must never change the array afterwards.
     *
     * @param contentType the MIME type
     * @param content the bytes, handed over
     * @param name the file name, or {@code null}
     * @return the Media
     * @throws dev.anvilcheck.python.TypeError if {@code contentType} or {@code content} is {@code null}
     */
    @API(status = EXPERIMENTAL, since = "0.1")
    public static BlobMedia adopting(String contentType, byte[] content, String name) {
        if (contentType == null) {
            throw new dev.anvilcheck.python.TypeError("BlobMedia needs a content type, got null");
        }
        if (content == null) {
            throw new dev.anvilcheck.python.TypeError("BlobMedia content must be bytes, got null");
        }
        return new BlobMedia(contentType, name, content);
    }

    /**
     * Another BlobMedia with this one's content type, name and bytes. The bytes are shared, not
     * copied: neither Media lets them change, so only identity tells the two apart. What a
     * simulated crossing makes, so that Media crosses without copying its content.
     *
     * @return the copy
     */
    @API(status = EXPERIMENTAL, since = "0.1")
    public BlobMedia copy() {
        return new BlobMedia(contentType, name, content);
    }

    /**
     * The bytes as a read-only buffer over this Media's own content, without copying them: for a
     * sender that writes the content out in chunks.
     *
     * @return a read-only buffer of {@link #length()} bytes, positioned at 0
     */
    @API(status = EXPERIMENTAL, since = "0.1")
    public ByteBuffer contentView() {
        return ByteBuffer.wrap(content).asReadOnlyBuffer();
    }

    /**
     * Creates unnamed Media from bytes.
     *
     * @param contentType the MIME type
     * @param content the bytes
     */
    public BlobMedia(String contentType, byte[] content) {
        this(contentType, content, null);
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
        return content.clone();
    }

    @Override
    public long length() {
        return content.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BlobMedia m
                && contentType.equals(m.contentType)
                && Objects.equals(name, m.name)
                && Arrays.equals(content, m.content);
    }

    @Override
    public int hashCode() {
        return Objects.hash(contentType, name, Arrays.hashCode(content));
    }

    @Override
    public String toString() {
        return "BlobMedia[" + contentType + ", " + content.length + " bytes" + (name == null ? "" : ", " + name) + "]";
    }
}
