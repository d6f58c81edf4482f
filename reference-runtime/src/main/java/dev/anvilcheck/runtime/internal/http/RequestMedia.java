package dev.anvilcheck.runtime.internal.http;

import dev.anvilcheck.media.Media;
import java.util.Arrays;
import java.util.Objects;

/**
 * A request's body as an endpoint sees it ({@code anvil.server.request.body}, HTTP-24): in-memory
 * Media over the one array the body was read into, which nobody else holds, so it is not copied
 * again on its way to the endpoint (issue 13 F4). Like {@code BlobMedia}, {@link #getBytes()}
 * gives a fresh copy, and the value model copies it as any in-memory Media when it crosses.
 */
final class RequestMedia implements Media {
    private final String contentType;
    private final byte[] content;
    private final String name;

    /**
     * @param contentType the request's {@code Content-Type}
     * @param content the body, which this Media owns from now on
     * @param name the file name from {@code Content-Disposition}, or {@code null}
     */
    RequestMedia(String contentType, byte[] content, String name) {
        this.contentType = Objects.requireNonNull(contentType, "contentType");
        this.content = Objects.requireNonNull(content, "content");
        this.name = name;
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
        return other instanceof RequestMedia m && contentType.equals(m.contentType) && Objects.equals(name, m.name)
                && Arrays.equals(content, m.content);
    }

    @Override
    public int hashCode() {
        return Objects.hash(contentType, name, Arrays.hashCode(content));
    }

    @Override
    public String toString() {
        return "Media[" + contentType + ", " + content.length + " bytes" + (name == null ? "" : ", " + name) + "]";
    }
}
