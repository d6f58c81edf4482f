package dev.anvilcheck.tck.broken;

import dev.anvilcheck.spi.RawHttpResponse;

/** Breaks ERR-08 for endpoints: a request to the endpoint of an uplink that has left gets 404. */
@Breaks(value = "ERR-08", bug = "an endpoint only a since disconnected uplink served answers 404, not"
        + " UplinkDisconnectedError")
public final class DisconnectedUplinkEndpointsNotFound extends UplinkEndpointRewriting {
    @Override
    protected RawHttpResponse rewriteUplinks(RawHttpResponse response) {
        return response.status() == 500 ? notFound(response) : response;
    }
}
