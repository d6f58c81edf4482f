package dev.anvilcheck.runtime.internal.http;

import dev.anvilcheck.media.Media;
import dev.anvilcheck.server.HttpRequest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.Objects;

/**
 * The request an endpoint serves, as {@code anvil.server.request} shows it (HTTP-20..26). The
 * decoded JSON body is computed on first access and kept (HTTP-25); the user is set once the
 * endpoint authenticated one (HTTP-09).
 */
public final class EndpointRequest implements HttpRequest {
    private static final Object UNREAD = new Object();

    private final String path;
    private final String method;
    private final Map<String, Object> queryParams;
    private final Map<String, Object> formParams;
    private final Map<String, String> headers;
    private final String remoteAddress;
    private final Media body;
    private final String username;
    private final String password;
    private Object bodyJson = UNREAD;
    private RuntimeException bodyJsonError;
    private volatile Object user;
    private final Consumer<Object> logIn;

    EndpointRequest(String path, String method, Map<String, Object> queryParams, Map<String, Object> formParams,
            Map<String, String> headers, String remoteAddress, Media body, String username, String password,
            Consumer<Object> logIn) {
        this.path = Objects.requireNonNull(path, "path");
        this.method = Objects.requireNonNull(method, "method");
        this.queryParams = Collections.unmodifiableMap(new LinkedHashMap<>(queryParams));
        this.formParams = Collections.unmodifiableMap(new LinkedHashMap<>(formParams));
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        this.remoteAddress = remoteAddress;
        this.body = body;
        this.username = username;
        this.password = password;
        this.logIn = logIn;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public Map<String, Object> queryParams() {
        return queryParams;
    }

    @Override
    public Map<String, Object> formParams() {
        return formParams;
    }

    @Override
    public String origin() {
        return headers.get("origin");
    }

    @Override
    public Map<String, String> headers() {
        return headers;
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    @Override
    public Media body() {
        return body;
    }

    /**
     * The decoded body when the content type is {@code application/json}, parameters such as
     * {@code charset} ignored, else {@code null}; decoded once (HTTP-25).
     *
     * @return the decoded body
     * @throws dev.anvilcheck.python.ValueError if the body is not JSON, on every access
     */
    @Override
    public synchronized Object bodyJson() {
        if (bodyJsonError != null) {
            throw bodyJsonError;
        }
        if (bodyJson == UNREAD) {
            String type = headers.getOrDefault("content-type", "");
            int semicolon = type.indexOf(';');
            String bare = (semicolon < 0 ? type : type.substring(0, semicolon)).trim();
            if (body == null || !bare.equalsIgnoreCase("application/json")) {
                bodyJson = null;
            } else {
                try {
                    bodyJson = Json.decode(body.getBytes());
                } catch (RuntimeException e) {
                    bodyJsonError = e;
                    throw e;
                }
            }
        }
        return bodyJson;
    }

    @Override
    public String username() {
        return username;
    }

    @Override
    public String password() {
        return password;
    }

    @Override
    public Object user() {
        return user;
    }

    /** Makes {@code authenticated} this request's user and logs it in on the session (HTTP-09). */
    void authenticated(Object authenticated) {
        this.user = authenticated;
        logIn.accept(authenticated);
    }

    @Override
    public String toString() {
        return "HttpRequest[" + method + " " + path + "]";
    }
}
