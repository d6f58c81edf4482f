package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.Endpoint;
import dev.anvilcheck.server.ServerFunction;
import dev.anvilcheck.spi.RawHttpRequest;
import dev.anvilcheck.spi.RawHttpResponse;
import dev.anvilcheck.spi.RuntimeUnderTest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * A broken runtime whose in-memory HTTP responses to requests that no endpoint of server code
 * matches, so that only an uplink's endpoint can have answered them, are rewritten by one bug.
 */
abstract class UplinkEndpointRewriting extends HttpResponseRewriting {
    private final List<Pattern> serverPaths = new CopyOnWriteArrayList<>();

    /** Rewrites one response to a request no endpoint of server code matches. */
    protected abstract RawHttpResponse rewriteUplinks(RawHttpResponse response);

    @Override
    protected void registerEndpoint(RuntimeUnderTest rt, Endpoint endpoint, ServerFunction body) {
        serverPaths.add(Pattern.compile(Pattern.quote(endpoint.kind().prefix())
                + endpoint.path().replaceAll(":[^/]*", "[^/]*")));
        super.registerEndpoint(rt, endpoint, body);
    }

    @Override
    protected RawHttpResponse rewrite(RawHttpRequest request, RawHttpResponse response) {
        String path = request.target().replaceFirst("[?#].*", "");
        return serverPaths.stream().anyMatch(p -> p.matcher(path).matches()) ? response : rewriteUplinks(response);
    }

    static RawHttpResponse notFound(RawHttpResponse response) {
        return withBody(new RawHttpResponse(404, withHeader(response, "content-type", "text/plain").headers(),
                response.body()), "No matching API endpoint");
    }
}
