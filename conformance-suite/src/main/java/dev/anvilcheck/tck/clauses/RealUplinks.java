package dev.anvilcheck.tck.clauses;

import dev.anvilcheck.spi.CallerKind;
import dev.anvilcheck.spi.Feature;
import dev.anvilcheck.spi.RuntimeUnderTest;
import dev.anvilcheck.spi.UplinkEndpoint;
import dev.anvilcheck.tck.Expect;
import dev.anvilcheck.uplink.Uplink;
import dev.anvilcheck.uplink.UplinkFatalError;
import java.time.Duration;

/**
 * Uplinks of the suite's own, connected through the Java uplink client to the endpoint
 * {@link RuntimeUnderTest#uplinkEndpoint()} names, for clause tests that check what a runtime does
 * for a real uplink connection (Uplink protocol §2..§4) rather than for the SPI's callers: tests
 * that use them declare {@link Feature#UPLINK_WIRE}. A key the runtime refuses is a violation of
 * the test's clause.
 */
final class RealUplinks {
    private RealUplinks() {}

    /** The endpoint the runtime declares; a runtime declaring {@link Feature#UPLINK_WIRE} must name one. */
    static UplinkEndpoint target(RuntimeUnderTest rt) {
        UplinkEndpoint endpoint = rt.uplinkEndpoint();
        if (endpoint == null) {
            throw new IllegalStateException("The runtime declares Feature.UPLINK_WIRE, but its"
                    + " RuntimeUnderTest.uplinkEndpoint() returned null");
        }
        return endpoint;
    }

    /** A builder for an uplink with the server key (trusted, UPL-08), without heartbeats. */
    static Uplink.Builder server(RuntimeUnderTest rt) {
        UplinkEndpoint target = target(rt);
        return Uplink.builder(target.url(), target.serverKey()).heartbeatInterval(Duration.ZERO);
    }

    /** A builder for an uplink with the client key (untrusted, UPL-07), without heartbeats. */
    static Uplink.Builder client(RuntimeUnderTest rt) {
        UplinkEndpoint target = target(rt);
        return Uplink.builder(target.url(), target.clientKey()).heartbeatInterval(Duration.ZERO);
    }

    /** Connects a server-key uplink; a refusal is a violation of {@code clause}. */
    static Uplink connectServer(String clause, Uplink.Builder builder) {
        return connect(clause, builder, CallerKind.UPLINK);
    }

    /** Connects a client-key uplink; a refusal is a violation of {@code clause}. */
    static Uplink connectClient(String clause, Uplink.Builder builder) {
        return connect(clause, builder, CallerKind.CLIENT_UPLINK);
    }

    private static Uplink connect(String clause, Uplink.Builder builder, CallerKind kind) {
        try {
            return builder.connect();
        } catch (UplinkFatalError e) {
            throw Expect.violation(clause, kind, "connect", "the runtime to accept the "
                    + (kind == CallerKind.UPLINK ? "server" : "client") + " uplink key",
                    "it refused the connection: " + e.getMessage());
        }
    }
}
