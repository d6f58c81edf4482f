package dev.anvilcheck.hosting;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * What an endpoint call returns to the HTTP layer, the platform's {@code {"status", "body",
 * "headers"}} dictionary: the status, the body (a string, Media, a JSON value or an
 * {@link dev.anvilcheck.server.AppResponse}) and the headers as ordered name/value pairs
 * (HTTP-15, HTTP-16). An uplink's endpoint function returns it as that dictionary
 * ({@link #toWire()}), and the server reads the dictionary back ({@link #fromWire(Object)}), as
 * the platform's server reads what its {@code http:} functions return.
 *
 * @param status the status
 * @param body the body
 * @param headers the headers
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record EndpointReply(int status, Object body, List<Map.Entry<String, String>> headers) {
    /**
     * Copies the headers.
     *
     * @param status the status
     * @param body the body
     * @param headers the headers
     */
    public EndpointReply {
        headers = List.copyOf(headers);
    }

    /**
     * The same reply with another body, e.g. the body after it crossed back from the endpoint
     * (CALL-21, HTTP-13).
     *
     * @param crossed the body
     * @return the reply
     */
    public EndpointReply withBody(Object crossed) {
        return new EndpointReply(status, crossed, headers);
    }

    /**
     * The dictionary an uplink's endpoint function returns (Uplink protocol §3.5; HTTP-15): the
     * headers as a list of {@code [name, value]} pairs, as the Python wrapper sends an
     * {@code HttpResponse}'s headers.
     *
     * @return {@code {"status": ..., "body": ..., "headers": [[name, value], ...]}}
     */
    public Map<String, Object> toWire() {
        List<Object> pairs = new ArrayList<>(headers.size());
        for (Map.Entry<String, String> h : headers) {
            List<Object> pair = new ArrayList<>(2);
            pair.add(h.getKey());
            pair.add(h.getValue());
            pairs.add(pair);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", (long) status);
        out.put("body", body);
        out.put("headers", pairs);
        return out;
    }

    /**
     * The reply an {@code http:} function's return value stands for, read as the platform's server
     * reads it (HTTP-15): the {@code status} (200 when absent), the {@code body} ({@code None}
     * when absent) and the {@code headers}, a dictionary or a list of {@code [name, value]} pairs.
     * A value that is not a dictionary stands for no fields at all, hence 200 and {@code null}.
     *
     * @param returned what the function returned, after it crossed
     * @return the reply, or {@code null} if the status or a header is not of a type the
     *     platform can send (the caller answers 500)
     */
    public static EndpointReply fromWire(Object returned) {
        if (!(returned instanceof Map<?, ?> dict)) {
            return new EndpointReply(200, null, List.of());
        }
        Object status = dict.get("status");
        int code;
        if (status == null) {
            code = 200;
        } else if (status instanceof Long || status instanceof Integer) {
            long value = ((Number) status).longValue();
            if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
                return null;
            }
            code = (int) value;
        } else {
            return null;
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        Object given = dict.get("headers");
        if (given instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!header(headers, e.getKey(), e.getValue())) {
                    return null;
                }
            }
        } else if (given instanceof List<?> list) {
            for (Object item : list) {
                if (!(item instanceof List<?> pair) || pair.size() != 2 || !header(headers, pair.get(0), pair.get(1))) {
                    return null;
                }
            }
        } else if (given != null) {
            return null;
        }
        return new EndpointReply(code, dict.get("body"), headers);
    }

    private static boolean header(List<Map.Entry<String, String>> headers, Object name, Object value) {
        if (!(name instanceof String n) || value == null) {
            return false;
        }
        headers.add(Map.entry(n, value instanceof String s ? s : String.valueOf(value)));
        return true;
    }
}
