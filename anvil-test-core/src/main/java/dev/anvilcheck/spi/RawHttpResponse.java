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
 * An HTTP response as a client receives it: status, headers (by lower-case name, several values
 * each) and body bytes. Immutable. Header names the transport adds by itself ({@code date},
 * {@code connection}, {@code content-length}, ...) may differ between transports; status, body and
 * the headers the specification names must not (HTTP-06..18).
 *
 * @param status the status code
 * @param headers the headers, by lower-case name
 * @param body the body, empty when there is none
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record RawHttpResponse(int status, Map<String, List<String>> headers, byte[] body) {
    /**
     * Validates the record and copies headers and body.
     *
     * @param status the status
     * @param headers the headers, or {@code null} for none
     * @param body the body, or {@code null} for none
     */
    public RawHttpResponse {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        if (headers != null) {
            headers.forEach((k, v) -> copy.computeIfAbsent(k.toLowerCase(Locale.ROOT), x -> new ArrayList<>())
                    .addAll(v));
        }
        copy.replaceAll((k, v) -> List.copyOf(v));
        headers = Collections.unmodifiableMap(copy);
        body = body == null ? new byte[0] : body.clone();
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
     * Every value of a header.
     *
     * @param name the name, any case
     * @return the values, empty if absent
     */
    public List<String> headerValues(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /**
     * The body.
     *
     * @return a copy of the body
     */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /**
     * The body decoded as UTF-8.
     *
     * @return the text
     */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RawHttpResponse r && status == r.status && headers.equals(r.headers)
                && java.util.Arrays.equals(body, r.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, headers, java.util.Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        String text = text();
        return status + " " + headers + " \"" + (text.length() > 200 ? text.substring(0, 200) + "..." : text) + "\"";
    }
}
