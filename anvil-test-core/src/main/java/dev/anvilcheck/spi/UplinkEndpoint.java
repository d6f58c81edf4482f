package dev.anvilcheck.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Where a runtime accepts real Uplink connections and the two keys it accepts there (Uplink
 * protocol §1.1, §2.5; UPL-03, UPL-07, UPL-08): what {@link RuntimeUnderTest#uplinkEndpoint()}
 * gives the suite so that its UPL clause tests can open uplinks of their own, with the right keys
 * and with wrong ones.
 *
 * @param url the WebSocket address, e.g. {@code ws://127.0.0.1:3030/_/uplink}
 * @param serverKey the server (trusted) uplink key
 * @param clientKey the client (untrusted) uplink key
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record UplinkEndpoint(URI url, String serverKey, String clientKey) {
    /**
     * Validates the endpoint.
     *
     * @param url the address, with scheme {@code ws} or {@code wss}
     * @param serverKey the server key, not blank
     * @param clientKey the client key, not blank
     * @throws IllegalArgumentException naming the part that is wrong
     */
    public UplinkEndpoint {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(serverKey, "serverKey");
        Objects.requireNonNull(clientKey, "clientKey");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            throw new IllegalArgumentException("An uplink endpoint is a ws:// or wss:// address, not " + url);
        }
        if (serverKey.isBlank() || clientKey.isBlank()) {
            throw new IllegalArgumentException("An uplink endpoint needs a server key and a client key, both not"
                    + " blank");
        }
    }

    /**
     * The address and which keys are set, never the keys themselves.
     *
     * @return a description safe to print
     */
    @Override
    public String toString() {
        return "UplinkEndpoint[" + url + ", server key and client key set]";
    }
}
