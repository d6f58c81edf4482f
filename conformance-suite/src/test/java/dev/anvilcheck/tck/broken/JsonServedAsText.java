package dev.anvilcheck.tck.broken;

import dev.anvilcheck.spi.RawHttpRequest;
import dev.anvilcheck.spi.RawHttpResponse;

/** Breaks HTTP-13: a JSON value returned by an endpoint is served as {@code text/plain}. */
@Breaks(value = "HTTP-13", bug = "JSON responses labelled text/plain")
public final class JsonServedAsText extends HttpResponseRewriting {
    @Override
    protected RawHttpResponse rewrite(RawHttpRequest request, RawHttpResponse response) {
        String type = response.header("content-type");
        return type != null && type.startsWith("application/json") ? withHeader(response, "content-type",
                "text/plain; charset=utf-8") : response;
    }
}
