package dev.anvilcheck.hosting;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.anvilcheck.media.Media;
import dev.anvilcheck.python.TypeError;
import dev.anvilcheck.python.ValueError;
import dev.anvilcheck.server.HttpRequest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * The request an endpoint serves, as {@code anvil.server.request} shows it (HTTP-20..26), and the
 * keyword arguments it travels as when an uplink provides the endpoint: {@code method},
 * {@code path}, {@code query_params}, {@code form_params}, {@code origin}, {@code headers},
 * {@code remote_address}, {@code body}, {@code username}, {@code password} and
 * {@code same_app_alternate_origin}, the platform's call of an {@code http:} function
 * ({@link #toKwargs()}, {@link #fromKwargs}). The decoded JSON body is computed on first access
 * and kept (HTTP-25); the user is set once the endpoint authenticated one (HTTP-09).
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class EndpointRequest implements HttpRequest {
    private static final Object UNREAD = new Object();
    private static final List<String> REQUIRED = List.of("method", "path", "query_params", "form_params", "origin",
            "headers", "remote_address", "body", "username", "password");

    private final String path;
    private final String method;
    private final Map<String, Object> queryParams;
    private final Map<String, Object> formParams;
    private final Map<String, String> headers;
    private final String remoteAddress;
    private final Media body;
    private final String username;
    private final String password;
    private final String alternateOrigin;
    private final Function<byte[], Object> json;
    private final Consumer<Object> logIn;
    private Object bodyJson = UNREAD;
    private RuntimeException bodyJsonError;
    private volatile Object user;

    /**
     * A request.
     *
     * @param path the path relative to the endpoint origin (HTTP-21)
     * @param method the method, upper case
     * @param queryParams the decoded query parameters (HTTP-23)
     * @param formParams the decoded form parameters
     * @param headers the headers by lower-case name, the platform's cookies removed (HTTP-22)
     * @param remoteAddress the client's IP address
     * @param body the body, or {@code null} (HTTP-24)
     * @param username the Basic user name, or {@code null} (HTTP-26)
     * @param password the Basic password, or {@code null}
     * @param alternateOrigin the app's alternate origin the request came from, or {@code null}
     * @param json decodes a JSON body (HTTP-25), throwing for text that is not JSON
     * @param logIn what logging a user in does to the request's session (HTTP-09)
     */
    public EndpointRequest(String path, String method, Map<String, Object> queryParams,
            Map<String, Object> formParams, Map<String, String> headers, String remoteAddress, Media body,
            String username, String password, String alternateOrigin, Function<byte[], Object> json,
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
        this.alternateOrigin = alternateOrigin;
        this.json = Objects.requireNonNull(json, "json");
        this.logIn = Objects.requireNonNull(logIn, "logIn");
    }

    /**
     * The request an uplink's endpoint function receives as keyword arguments, as the platform's
     * {@code http_endpoint} wrapper takes them (HTTP-05, Uplink protocol §3.3); further keywords
     * are ignored, as the wrapper's {@code **more_kwargs}.
     *
     * @param kwargs the keyword arguments of the call
     * @param json decodes a JSON body (HTTP-25)
     * @return the request; logging a user in changes nothing here, the server's login did it
     * @throws TypeError naming the keyword that is missing or of the wrong type
     */
    public static EndpointRequest fromKwargs(Map<String, Object> kwargs, Function<byte[], Object> json) {
        for (String key : REQUIRED) {
            if (!kwargs.containsKey(key)) {
                throw new TypeError("http_endpoint wrapper missing 1 required positional argument: '" + key + "'");
            }
        }
        return new EndpointRequest(string(kwargs, "path", false), string(kwargs, "method", false),
                params(kwargs, "query_params"), params(kwargs, "form_params"), headers(kwargs),
                string(kwargs, "remote_address", true), media(kwargs), string(kwargs, "username", true),
                string(kwargs, "password", true), string(kwargs, "same_app_alternate_origin", true), json, u -> { });
    }

    private static String string(Map<String, Object> kwargs, String key, boolean nullable) {
        Object value = kwargs.get(key);
        if (value instanceof String s) {
            return s;
        }
        if (value == null && nullable) {
            return null;
        }
        throw wrongType(key, "a str", value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> params(Map<String, Object> kwargs, String key) {
        Object value = kwargs.get(key);
        if (value == null) {
            return Map.of();
        }
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw wrongType(key, "a dict", value);
    }

    private static Map<String, String> headers(Map<String, Object> kwargs) {
        Map<String, String> out = new LinkedHashMap<>();
        params(kwargs, "headers").forEach((name, value) -> out.put(name, value == null ? null : String.valueOf(value)));
        return out;
    }

    private static Media media(Map<String, Object> kwargs) {
        Object value = kwargs.get("body");
        if (value == null || value instanceof Media) {
            return (Media) value;
        }
        throw wrongType("body", "Media or None", value);
    }

    private static TypeError wrongType(String key, String expected, Object value) {
        return new TypeError("http_endpoint wrapper: '" + key + "' must be " + expected + ", not "
                + (value == null ? "None" : value.getClass().getSimpleName()));
    }

    /**
     * The keyword arguments this request travels as to an uplink's endpoint function, in the order
     * the platform's server gives them (Uplink protocol §3.3; HTTP-21..26).
     *
     * @return the keyword arguments, a new map
     */
    public Map<String, Object> toKwargs() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("method", method);
        out.put("path", path);
        out.put("origin", origin());
        out.put("query_params", new LinkedHashMap<>(queryParams));
        out.put("form_params", new LinkedHashMap<>(formParams));
        out.put("headers", new LinkedHashMap<>(headers));
        out.put("remote_address", remoteAddress);
        out.put("body", body);
        out.put("username", username);
        out.put("password", password);
        out.put("same_app_alternate_origin", alternateOrigin);
        return out;
    }

    /**
     * The keyword arguments the endpoint's body is called with: the form parameters, overridden by
     * the query parameters, overridden by the path parameters (HTTP-05).
     *
     * @param pathParams the decoded path parameters, or {@code null} for none
     * @return the keyword arguments, a new map
     */
    public Map<String, Object> keywordArguments(Map<String, String> pathParams) {
        Map<String, Object> kwargs = new LinkedHashMap<>(formParams);
        kwargs.putAll(queryParams);
        if (pathParams != null) {
            kwargs.putAll(pathParams);
        }
        return kwargs;
    }

    /**
     * The origin of the app's alternate domain this request came from, which CORS then allows, or
     * {@code null} (the platform's {@code same_app_alternate_origin}; HTTP-07).
     *
     * @return the alternate origin, or {@code null}
     */
    public String alternateOrigin() {
        return alternateOrigin;
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
     * @throws ValueError if the body is not JSON, on every access
     */
    @Override
    public synchronized Object bodyJson() {
        if (bodyJsonError != null) {
            throw bodyJsonError;
        }
        if (bodyJson == UNREAD) {
            String type = headers.getOrDefault("content-type", "");
            int semicolon = type == null ? -1 : type.indexOf(';');
            String bare = type == null ? "" : (semicolon < 0 ? type : type.substring(0, semicolon)).trim();
            if (body == null || !bare.equalsIgnoreCase("application/json")) {
                bodyJson = null;
            } else {
                try {
                    bodyJson = json.apply(body.getBytes());
                } catch (ValueError e) {
                    bodyJsonError = e;
                    throw e;
                } catch (RuntimeException e) {
                    bodyJsonError = new ValueError("The request body is not valid JSON: " + e.getMessage());
                    throw bodyJsonError;
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

    /**
     * Makes {@code authenticated} this request's user and logs it in on the session (HTTP-09).
     *
     * @param authenticated the user
     */
    public void authenticated(Object authenticated) {
        this.user = authenticated;
        logIn.accept(authenticated);
    }

    @Override
    public String toString() {
        return "HttpRequest[" + method + " " + path + "]";
    }
}
