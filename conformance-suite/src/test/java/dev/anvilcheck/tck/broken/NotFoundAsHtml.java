package dev.anvilcheck.tck.broken;

import dev.anvilcheck.spi.RawHttpRequest;
import dev.anvilcheck.spi.RawHttpResponse;

/** Breaks HTTP-18: a path no endpoint matches gets an HTML 404 page instead of "No matching API endpoint". */
@Breaks(value = "HTTP-18", bug = "404 served as an HTML page")
public final class NotFoundAsHtml extends HttpResponseRewriting {
    @Override
    protected RawHttpResponse rewrite(RawHttpRequest request, RawHttpResponse response) {
        if (response.status() != 404) {
            return response;
        }
        return withHeader(withBody(response, "<html><body><h1>Not Found</h1></body></html>"), "content-type",
                "text/html");
    }
}
