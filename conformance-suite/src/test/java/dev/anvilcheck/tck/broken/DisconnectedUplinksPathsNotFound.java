package dev.anvilcheck.tck.broken;

import dev.anvilcheck.spi.RawHttpRequest;
import dev.anvilcheck.spi.RawHttpResponse;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Breaks HTTP-18: a path that an endpoint served once and that now fails with a 500 is answered as
 * if no endpoint had ever matched it (404 "No matching API endpoint"), as a runtime would that
 * forgets a disconnected uplink's endpoints instead of raising UplinkDisconnectedError (ERR-08).
 */
@Breaks(value = "HTTP-18", bug = "a disconnected uplink's endpoint paths answer 404 instead of 500")
public final class DisconnectedUplinksPathsNotFound extends HttpResponseRewriting {
    private final Set<String> served = ConcurrentHashMap.newKeySet();

    @Override
    protected RawHttpResponse rewrite(RawHttpRequest request, RawHttpResponse response) {
        if (response.status() == 200) {
            served.add(request.target());
            return response;
        }
        if (response.status() != 500 || !served.contains(request.target())) {
            return response;
        }
        return withHeader(withBody(new RawHttpResponse(404, response.headers(), response.body()),
                "No matching API endpoint"), "content-type", "text/plain");
    }
}
