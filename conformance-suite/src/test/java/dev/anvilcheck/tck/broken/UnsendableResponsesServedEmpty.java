package dev.anvilcheck.tck.broken;

import dev.anvilcheck.spi.RawHttpRequest;
import dev.anvilcheck.spi.RawHttpResponse;

/** Breaks HTTP-14: an endpoint's return value HTTP cannot carry is answered 200 with an empty body. */
@Breaks(value = "HTTP-14", bug = "unsendable return values answered 200, empty")
public final class UnsendableResponsesServedEmpty extends HttpResponseRewriting {
    @Override
    protected RawHttpResponse rewrite(RawHttpRequest request, RawHttpResponse response) {
        String body = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
        return response.status() == 500 && body.startsWith("Cannot send a")
                ? new RawHttpResponse(200, response.headers(), new byte[0]) : response;
    }
}
