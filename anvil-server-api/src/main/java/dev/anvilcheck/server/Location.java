package dev.anvilcheck.server;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * A geo-IP estimate of where a session's originator is (Python's
 * {@code CallContext.Location}); any component may be {@code null} (CTX-12).
 *
 * @param city the city
 * @param subdivision the region or state
 * @param country the country name
 * @param countryCode the ISO country code
 * @param latitude the latitude in degrees
 * @param longitude the longitude in degrees
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public record Location(
        String city, String subdivision, String country, String countryCode, Double latitude, Double longitude) {}
