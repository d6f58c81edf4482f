package dev.anvilcheck.runtime.internal.http;

import java.util.List;
import java.util.Map;

/**
 * What an endpoint call returns to the HTTP layer, like the platform's
 * {@code {"status", "body", "headers"}} dictionary: the status, the body (a string, Media, a JSON
 * value or an {@link dev.anvilcheck.server.AppResponse}) and the headers as ordered name/value
 * pairs, names lower-case (HTTP-15, HTTP-16).
 *
 * @param status the status
 * @param body the body
 * @param headers the headers
 */
record Reply(int status, Object body, List<Map.Entry<String, String>> headers) {
    Reply {
        headers = List.copyOf(headers);
    }

    Reply withBody(Object crossed) {
        return new Reply(status, crossed, headers);
    }
}
