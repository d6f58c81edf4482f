package dev.anvilcheck.tck.broken;

import dev.anvilcheck.spi.RawHttpRequest;
import dev.anvilcheck.spi.RawHttpResponse;

/** Breaks HTTP-12: Media returned by an endpoint is served without its {@code Content-Disposition} filename. */
@Breaks(value = "HTTP-12", bug = "Content-Disposition dropped from Media responses")
public final class MediaServedWithoutItsName extends HttpResponseRewriting {
    @Override
    protected RawHttpResponse rewrite(RawHttpRequest request, RawHttpResponse response) {
        return response.header("content-disposition") != null ? withHeader(response, "content-disposition", null)
                : response;
    }
}
