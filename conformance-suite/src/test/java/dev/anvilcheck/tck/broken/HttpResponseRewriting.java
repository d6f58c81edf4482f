package dev.anvilcheck.tck.broken;

import dev.anvilcheck.spi.HttpSender;
import dev.anvilcheck.spi.RawHttpRequest;
import dev.anvilcheck.spi.RawHttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A broken runtime whose in-memory HTTP responses are rewritten by one bug; over the loopback
 * socket it answers correctly, so only the in-memory variant of a clause's test fails.
 */
abstract class HttpResponseRewriting extends DelegatingProvider {
    /** Rewrites one response. */
    protected abstract RawHttpResponse rewrite(RawHttpRequest request, RawHttpResponse response);

    @Override
    protected RawHttpResponse send(HttpSender sender, RawHttpRequest request) {
        return rewrite(request, sender.send(request));
    }

    static RawHttpResponse withHeader(RawHttpResponse response, String name, String value) {
        Map<String, List<String>> headers = new LinkedHashMap<>(response.headers());
        if (value == null) {
            headers.remove(name);
        } else {
            headers.put(name, List.of(value));
        }
        return new RawHttpResponse(response.status(), headers, response.body());
    }

    static RawHttpResponse withBody(RawHttpResponse response, String body) {
        return new RawHttpResponse(response.status(), response.headers(), body.getBytes(StandardCharsets.UTF_8));
    }
}
