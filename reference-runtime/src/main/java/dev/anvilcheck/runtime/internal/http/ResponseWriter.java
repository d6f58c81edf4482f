package dev.anvilcheck.runtime.internal.http;

import dev.anvilcheck.media.Media;
import dev.anvilcheck.runtime.internal.OutsideTheSpecification;
import dev.anvilcheck.server.AppResponse;
import dev.anvilcheck.server.Capability;
import dev.anvilcheck.server.Endpoint;
import dev.anvilcheck.hosting.EndpointReply;
import dev.anvilcheck.spi.RawHttpResponse;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns an endpoint's {@link EndpointReply} into the HTTP response, as the platform's server does
 * (HTTP-11..19): a string is {@code text/plain; charset=utf-8}, Media is served with its type and
 * an inline {@code Content-Disposition} naming it, any other JSON-compatible value is
 * {@code application/json}, anything else a 500 explaining what cannot be sent; the headers of an
 * {@code HttpResponse} are added after these, {@code Content-Type} and {@code Content-Disposition}
 * replacing the defaults and {@code Set-Cookie} for the platform's own cookies dropped. App
 * responses are served as the app's page from routes only. Media whose bytes cannot be had, such as
 * LazyMedia nobody can fetch, is the platform's 500 "Internal server error serving Lazy Media".
 */
final class ResponseWriter {
    /** The body of every 500 caused by an exception in an endpoint (HTTP-17). */
    static final String EXCEPTION_BODY = "An exception was raised. Check the application logs for details.";
    /**
     * The cookies that hold {@code anvil.server.cookies}, which endpoints may neither read nor set
     * (HTTP-16, HTTP-22): the App Server's {@code conf/app-cookie-names}; its session cookie is not
     * among them ({@code serve_app/core.clj}: {@code with-safe-headers}, {@code headers-without-app-cookies}).
     */
    static final Set<String> PLATFORM_COOKIES = Set.of("anvilapp", "anvilapp-shared");

    private static final String TEXT_UTF8 = "text/plain; charset=utf-8";
    private static final Set<String> OVERRIDES = Set.of("content-type", "content-disposition");
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private ResponseWriter() {}

    static RawHttpResponse text(int status, String contentType, String text) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("content-type", List.of(contentType));
        return new RawHttpResponse(status, headers, text.getBytes(StandardCharsets.UTF_8));
    }

    static RawHttpResponse exception() {
        return text(500, "text/plain", EXCEPTION_BODY);
    }

    /** Told why a response is a 500 that the endpoint did not ask for, for the app log. */
    @FunctionalInterface
    interface Failure {
        /**
         * @param problem what went wrong
         * @param error the exception, or {@code null}
         */
        void failed(String problem, Throwable error);
    }

    static RawHttpResponse write(EndpointReply reply, Endpoint.Kind kind, Failure failure) {
        Object body = reply.body();
        int status = reply.status();
        if (status < 100 || status > 999) {
            failure.failed("the status " + status + " is not an HTTP status", null);
            return exception();
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        byte[] bytes;
        if (body instanceof AppResponse app) {
            if (kind != Endpoint.Kind.ROUTE) {
                String problem = "Cannot return a anvil.server._LoadAppResponse from an anvil.server.http_endpoint.";
                failure.failed(problem, null);
                return text(500, "text/plain", problem);
            }
            headers.put("content-type", new ArrayList<>(List.of("text/html; charset=utf-8")));
            bytes = AppPage.render(app).getBytes(StandardCharsets.UTF_8);
        } else if (body instanceof Media media) {
            String type;
            String name;
            try {
                type = media.contentType() == null ? "application/octet-stream" : media.contentType();
                name = media.name();
                bytes = media.getBytes();
            } catch (RuntimeException e) {
                String errorId = Integer.toHexString(0x100000 + java.util.concurrent.ThreadLocalRandom.current()
                        .nextInt(0xf00000));
                failure.failed("Internal server error serving Lazy Media: " + errorId, e);
                return text(500, "text/plain", "Internal server error serving Lazy Media: " + errorId);
            }
            headers.put("content-type", new ArrayList<>(List.of(type)));
            if (name != null) {
                headers.put("content-disposition", new ArrayList<>(List.of("inline; filename=\""
                        + urlEncode(name.replace("\"", "_")) + "\"")));
            }
        } else if (body instanceof String s) {
            headers.put("content-type", new ArrayList<>(List.of(TEXT_UTF8)));
            bytes = s.getBytes(StandardCharsets.UTF_8);
        } else {
            String problem = jsonProblem(body);
            if (problem != null) {
                failure.failed(problem, null);
                return text(500, "text/plain", problem);
            }
            headers.put("content-type", new ArrayList<>(List.of("application/json")));
            bytes = Json.encode(body);
        }
        for (Map.Entry<String, String> header : reply.headers()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            String value = header.getValue();
            if (name.equals("set-cookie") && PLATFORM_COOKIES.contains(value.split("[=\\s]+", 2)[0])) {
                continue;
            }
            if (OVERRIDES.contains(name)) {
                headers.put(name, new ArrayList<>(List.of(value)));
            } else {
                headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
        }
        return new RawHttpResponse(status, headers, bytes);
    }

    /**
     * A Media's name as the {@code Content-Disposition} header carries it (HTTP-12), encoded as the
     * App Server's {@code util/real-actual-genuine-url-encoder} encodes it: every UTF-8 byte of a
     * character other than an ASCII letter, a digit or one of {@code _~.-} as {@code %XX}.
     */
    static String urlEncode(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '~'
                    || c == '.' || c == '-') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    /** Why a value cannot be sent as JSON, in the platform's words, or {@code null} (HTTP-13, HTTP-14). */
    private static String jsonProblem(Object root) {
        Deque<Object[]> pending = new ArrayDeque<>();
        pending.push(new Object[] {root, ""});
        while (!pending.isEmpty()) {
            Object[] item = pending.pop();
            Object value = item[0];
            String path = (String) item[1];
            if (value == null || value instanceof String || value instanceof Long || value instanceof Double
                    || value instanceof BigInteger || value instanceof Boolean) {
                continue;
            }
            if (value instanceof Map<?, ?> map) {
                map.forEach((k, v) -> pending.push(new Object[] {v, path + "[\"" + k + "\"]"}));
            } else if (value instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    pending.push(new Object[] {list.get(i), path + "[" + i + "]"});
                }
            } else {
                return "Cannot send a " + pythonName(value) + " object over HTTP as response" + path + ".\n"
                        + "You must return either Media, a string, or a JSON-compatible object"
                        + " (lists/dicts/strings/numbers/bools/None).\n";
            }
        }
        return null;
    }

    @OutsideTheSpecification("the type's name inside the message of HTTP-14, whose wording no clause fixes")
    private static String pythonName(Object value) {
        if (value instanceof OffsetDateTime || value instanceof LocalDateTime) {
            return "datetime";
        }
        if (value instanceof LocalDate) {
            return "date";
        }
        if (value instanceof Capability) {
            return "Capability";
        }
        if (value instanceof Media) {
            return "Media";
        }
        return value.getClass().getSimpleName();
    }
}
