package dev.anvilcheck.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class UplinkEndpointTest {
    private static final URI URL = URI.create("ws://127.0.0.1:3030/_/uplink");

    @Test
    void anHttpAddressIsRefusedNamingIt() {
        assertThatThrownBy(() -> new UplinkEndpoint(URI.create("http://127.0.0.1:3030/_/uplink"), "s", "c"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("An uplink endpoint is a ws:// or wss:// address, not http://127.0.0.1:3030/_/uplink");
    }

    @Test
    void blankKeysAreRefused() {
        assertThatThrownBy(() -> new UplinkEndpoint(URL, " ", "c")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("server key and a client key");
        assertThatThrownBy(() -> new UplinkEndpoint(URL, "s", "")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void secureAddressesAreAcceptedAndToStringHidesTheKeys() {
        UplinkEndpoint endpoint = new UplinkEndpoint(URI.create("wss://example.anvil.app/_/uplink"), "secret-s",
                "secret-c");
        assertThat(endpoint.serverKey()).isEqualTo("secret-s");
        assertThat(endpoint.toString()).contains("wss://example.anvil.app/_/uplink").doesNotContain("secret");
    }
}
