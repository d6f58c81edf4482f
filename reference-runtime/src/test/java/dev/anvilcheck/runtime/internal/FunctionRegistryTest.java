package dev.anvilcheck.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anvilcheck.server.PortableClasses;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The endpoint patterns of an uplink that is leaving (ERR-08): at no moment between its connection's
 * close and the end of its removal does a request to its path find neither the uplink nor a stale
 * pattern, which would answer 404 instead of UplinkDisconnectedError.
 */
class FunctionRegistryTest {
    private static UplinkHandle uplink() {
        return new UplinkHandle(ZoneOffset.UTC, PortableClasses.inheriting(PortableClasses.global()));
    }

    @Test
    void aLeavingUplinksEndpointIsStaleFromItsDisconnectionOn() {
        FunctionRegistry registry = new FunctionRegistry();
        UplinkHandle leaving = uplink();
        registry.registerUplinkEndpoint("http:/items/([^/]*)", leaving, command -> arguments -> "served");
        assertThat(registry.resolveEndpoint("http:/items/7")).isNotNull();
        assertThat(registry.staleEndpoint("http:/items/7")).isFalse();

        leaving.disconnect();
        assertThat(registry.resolveEndpoint("http:/items/7")).isNull();
        assertThat(registry.staleEndpoint("http:/items/7")).isTrue();

        registry.removeUplink(leaving);
        assertThat(registry.resolveEndpoint("http:/items/7")).isNull();
        assertThat(registry.staleEndpoint("http:/items/7")).isTrue();
        assertThat(registry.staleEndpoint("http:/other")).isFalse();
    }

    @Test
    void anEndpointAnotherUplinkStillServesIsNotStale() {
        FunctionRegistry registry = new FunctionRegistry();
        UplinkHandle leaving = uplink();
        UplinkHandle staying = uplink();
        registry.registerUplinkEndpoint("http:/shared", leaving, command -> arguments -> "leaving");
        registry.registerUplinkEndpoint("http:/shared", staying, command -> arguments -> "staying");
        leaving.disconnect();
        registry.removeUplink(leaving);
        assertThat(registry.resolveEndpoint("http:/shared").provider()).isSameAs(staying);
        staying.disconnect();
        registry.removeUplink(staying);
        assertThat(registry.staleEndpoint("http:/shared")).isTrue();
    }
}
