package dev.anvilcheck.tck.broken;

import dev.anvilcheck.spi.RawHttpResponse;

/** Breaks UPL-05 for endpoints: the endpoints a server uplink registers do not serve HTTP requests. */
@Breaks(value = "UPL-05", bug = "an uplink's http_endpoint and route registrations serve nothing (404)")
public final class UplinkEndpointsNotServed extends UplinkEndpointRewriting {
    @Override
    protected RawHttpResponse rewriteUplinks(RawHttpResponse response) {
        return response.status() == 200 ? notFound(response) : response;
    }
}
