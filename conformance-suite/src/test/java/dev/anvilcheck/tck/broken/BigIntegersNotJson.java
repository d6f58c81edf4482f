package dev.anvilcheck.tck.broken;

import dev.anvilcheck.spi.RawHttpRequest;
import dev.anvilcheck.spi.RawHttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Breaks HTTP-13: an integer too large for 64 bits, which Python's {@code int} holds and JSON
 * writes, is refused as not JSON-compatible, as a runtime whose check knew only {@code long} and
 * {@code double} would refuse it. In memory only.
 */
@Breaks(value = "HTTP-13", bug = "integers beyond 64 bits refused as not JSON-compatible")
public final class BigIntegersNotJson extends HttpResponseRewriting {
    @Override
    protected RawHttpResponse rewrite(RawHttpRequest request, RawHttpResponse response) {
        String type = response.header("content-type");
        if (type == null || !type.startsWith("application/json") || !response.text().matches("(?s).*\\d{20,}.*")) {
            return response;
        }
        return new RawHttpResponse(500, Map.of("content-type", List.of("text/plain")),
                ("Cannot send a BigInteger object over HTTP as response.\n")
                        .getBytes(StandardCharsets.UTF_8));
    }
}
