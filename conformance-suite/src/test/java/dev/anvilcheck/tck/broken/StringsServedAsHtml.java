package dev.anvilcheck.tck.broken;

import dev.anvilcheck.spi.RawHttpRequest;
import dev.anvilcheck.spi.RawHttpResponse;

/** Breaks HTTP-11: a string returned by an endpoint is served as {@code text/html}. */
@Breaks(value = "HTTP-11", bug = "strings served as text/html")
public final class StringsServedAsHtml extends HttpResponseRewriting {
    @Override
    protected RawHttpResponse rewrite(RawHttpRequest request, RawHttpResponse response) {
        String type = response.header("content-type");
        return type != null && type.startsWith("text/plain") ? withHeader(response, "content-type",
                "text/html; charset=utf-8") : response;
    }
}
