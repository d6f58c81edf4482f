package dev.anvilcheck.server;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * How the current session began (Python's {@code CallContext.ClientInfo}): {@code type} is one of
 * {@code browser}, {@code http}, {@code uplink}, {@code client_uplink}, {@code background_task},
 * {@code email} (CTX-03); {@code ip} is the originator's address and {@code location} its geo-IP
 * estimate, either may be {@code null} (CTX-12).
 *
 * @param type how the session began
 * @param ip the originator's IP address, or {@code null}
 * @param location the originator's location, or {@code null} when unknown
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public record ClientInfo(String type, String ip, Location location) {
    /**
     * Validates the record.
     *
     * @param type how the session began
     * @param ip the IP address
     * @param location the location
     */
    public ClientInfo {
        java.util.Objects.requireNonNull(type, "type");
    }
}
