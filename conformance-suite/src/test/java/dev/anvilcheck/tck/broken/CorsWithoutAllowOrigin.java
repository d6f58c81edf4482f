package dev.anvilcheck.tck.broken;

import dev.anvilcheck.spi.RawHttpRequest;
import dev.anvilcheck.spi.RawHttpResponse;

/** Breaks HTTP-07: {@code enable_cors} endpoints answer without {@code Access-Control-Allow-Origin}. */
@Breaks(value = "HTTP-07", bug = "CORS responses without Access-Control-Allow-Origin")
public final class CorsWithoutAllowOrigin extends HttpResponseRewriting {
    @Override
    protected RawHttpResponse rewrite(RawHttpRequest request, RawHttpResponse response) {
        return withHeader(response, "access-control-allow-origin", null);
    }
}
