package dev.anvilcheck.server;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * An explicit HTTP response returned by an endpoint
 * ({@code anvil.server.HttpResponse(status=200, body="", headers=None)}, HTTP-15, HTTP-16). The
 * body is handled like a plain return value (string, Media or JSON value). Header names are stored
 * lower-cased; a name may hold several values. Like Python's, the object is mutable.
 *
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public final class HttpResponse {
    private int status;
    private Object body;
    private final Map<String, List<String>> headers = new LinkedHashMap<>();

    /** A response with status 200, an empty body and no headers. */
    public HttpResponse() {
        this(200, "", null);
    }

    /**
     * A response with the given status and body and no headers.
     *
     * @param status the HTTP status
     * @param body the body: a string, Media, or a JSON value
     */
    public HttpResponse(int status, Object body) {
        this(status, body, null);
    }

    /**
     * A response with status, body and headers.
     *
     * @param status the HTTP status
     * @param body the body: a string, Media, or a JSON value
     * @param headers the headers, or {@code null} for none
     */
    public HttpResponse(int status, Object body, Map<String, String> headers) {
        this.status = status;
        this.body = body;
        if (headers != null) {
            headers.forEach(this::setHeader);
        }
    }

    /**
     * The HTTP status.
     *
     * @return the status
     */
    public int status() {
        return status;
    }

    /**
     * Sets the HTTP status.
     *
     * @param status the status
     */
    public void setStatus(int status) {
        this.status = status;
    }

    /**
     * The body.
     *
     * @return the body
     */
    public Object body() {
        return body;
    }

    /**
     * Sets the body.
     *
     * @param body a string, Media, or a JSON value
     */
    public void setBody(Object body) {
        this.body = body;
    }

    /**
     * Sets a header, replacing its values ({@code headers[name] = value}).
     *
     * @param name the header name, any case
     * @param value the value
     */
    public void setHeader(String name, String value) {
        List<String> values = new ArrayList<>(1);
        values.add(Objects.requireNonNull(value, "value"));
        headers.put(key(name), values);
    }

    /**
     * Adds a value to a header, keeping its others ({@code headers.add(name, value)}).
     *
     * @param name the header name, any case
     * @param value the value
     */
    public void addHeader(String name, String value) {
        headers.computeIfAbsent(key(name), k -> new ArrayList<>(1)).add(Objects.requireNonNull(value, "value"));
    }

    /**
     * Removes a header ({@code del headers[name]}).
     *
     * @param name the header name, any case
     */
    public void removeHeader(String name) {
        headers.remove(key(name));
    }

    /**
     * The headers, keyed by lower-case name, read-only.
     *
     * @return the headers
     */
    public Map<String, List<String>> headers() {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(copy);
    }

    private static String key(String name) {
        return Objects.requireNonNull(name, "name").toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "HttpResponse[" + status + ", headers=" + headers + "]";
    }
}
