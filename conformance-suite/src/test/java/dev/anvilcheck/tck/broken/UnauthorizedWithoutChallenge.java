package dev.anvilcheck.tck.broken;

import dev.anvilcheck.spi.RawHttpRequest;
import dev.anvilcheck.spi.RawHttpResponse;

/** Breaks HTTP-08: a 401 lacks its {@code WWW-Authenticate: Basic realm="Anvil App API"} header. */
@Breaks(value = "HTTP-08", bug = "401 without WWW-Authenticate")
public final class UnauthorizedWithoutChallenge extends HttpResponseRewriting {
    @Override
    protected RawHttpResponse rewrite(RawHttpRequest request, RawHttpResponse response) {
        return response.status() == 401 ? withHeader(response, "www-authenticate", null) : response;
    }
}
