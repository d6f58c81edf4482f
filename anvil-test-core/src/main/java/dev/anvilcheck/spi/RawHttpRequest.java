package dev.anvilcheck.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * An HTTP request as a client sends it to an app: method, request target (path and query string,
 * still percent-encoded), headers and body. Header names are stored lower-case; a name may carry
 * several values. Immutable: the {@code with...} methods return copies. Sent through an
 * {@link HttpSender}, in memory or over a real socket, it must give the same
 * {@link RawHttpResponse} (HTTP-01..29).
 *
 * @param method the method, e.g. {@code GET}
 * @param target the path and query, e.g. {@code /_/api/users/7?full=1}
 * @param headers the headers, by lower-case name
 * @param body the body, or {@code null} for none
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record RawHttpRequest(String method, String target, Map<String, List<String>> headers, byte[] body) {
    /**
     * Validates the record and copies headers and body.
     *
     * @param method the method
     * @param target the request target, starting with {@code /}
     * @param headers the headers, or {@code null} for none
     * @param body the body, or {@code null}
     */
    public RawHttpRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(target, "target");
        if (!target.startsWith("/")) {
            throw new IllegalArgumentException("A request target starts with '/': " + target);
        }
        Map<String, List<String>> copy = new LinkedHashMap<>();
        if (headers != null) {
            headers.forEach((k, v) -> copy.computeIfAbsent(k.toLowerCase(Locale.ROOT), x -> new ArrayList<>())
                    .addAll(v));
        }
        copy.replaceAll((k, v) -> List.copyOf(v));
        headers = Collections.unmodifiableMap(copy);
        body = body == null ? null : body.clone();
    }

    /**
     * A GET request without headers.
     *
     * @param target the path and query
     * @return the request
     */
    public static RawHttpRequest get(String target) {
        return new RawHttpRequest("GET", target, null, null);
    }

    /**
     * A request with a method and no headers or body.
     *
     * @param method the method
     * @param target the path and query
     * @return the request
     */
    public static RawHttpRequest of(String method, String target) {
        return new RawHttpRequest(method, target, null, null);
    }

    /**
     * This request with a body and its {@code Content-Type}.
     *
     * @param contentType the content type, or {@code null} to send none
     * @param content the body
     * @return the request
     */
    public RawHttpRequest withBody(String contentType, byte[] content) {
        RawHttpRequest r = new RawHttpRequest(method, target, headers, content);
        return contentType == null ? r : r.withHeader("content-type", contentType);
    }

    /**
     * This request with a UTF-8 text body and its {@code Content-Type}.
     *
     * @param contentType the content type, or {@code null} to send none
     * @param text the body
     * @return the request
     */
    public RawHttpRequest withBody(String contentType, String text) {
        return withBody(contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * This request with one more header value (after any of the same name).
     *
     * @param name the name, any case
     * @param value the value
     * @return the request
     */
    public RawHttpRequest withHeader(String name, String value) {
        Map<String, List<String>> next = new LinkedHashMap<>(headers);
        List<String> values = new ArrayList<>(next.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()));
        values.add(Objects.requireNonNull(value, "value"));
        next.put(name.toLowerCase(Locale.ROOT), values);
        return new RawHttpRequest(method, target, next, body);
    }

    /**
     * The first value of a header.
     *
     * @param name the name, any case
     * @return the value, or {@code null}
     */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /**
     * The body.
     *
     * @return a copy of the body, or {@code null}
     */
    @Override
    public byte[] body() {
        return body == null ? null : body.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RawHttpRequest r && method.equals(r.method) && target.equals(r.target)
                && headers.equals(r.headers) && java.util.Arrays.equals(body, r.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, target, headers, java.util.Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return method + " " + target + " " + headers + (body == null ? "" : " (" + body.length + " bytes)");
    }
}
