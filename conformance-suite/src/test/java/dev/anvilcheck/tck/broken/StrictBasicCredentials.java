package dev.anvilcheck.tck.broken;

import dev.anvilcheck.spi.RawHttpRequest;
import dev.anvilcheck.spi.RawHttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Breaks HTTP-10 as this project's runtime once did: Basic credentials are decoded strictly, so a
 * header with a character outside the Base64 alphabet is refused with 400, where the App Server's
 * lenient decoder skips it and serves the request.
 */
@Breaks(value = "HTTP-10", bug = "Basic credentials decoded strictly: 400 for a stray character")
public final class StrictBasicCredentials extends HttpResponseRewriting {
    @Override
    protected RawHttpResponse rewrite(RawHttpRequest request, RawHttpResponse response) {
        String authorization = request.header("authorization");
        if (authorization != null && authorization.startsWith("Basic ")
                && !authorization.substring(6).trim().matches("[A-Za-z0-9+/]*={0,2}")) {
            return new RawHttpResponse(400, Map.of("content-type", List.of("text/plain")),
                    ("Invalid Authorization header for HTTP Basic auth: " + authorization)
                            .getBytes(StandardCharsets.UTF_8));
        }
        return response;
    }
}
