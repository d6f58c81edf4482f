package dev.anvilcheck.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ListenerLimitsTest {
    @Test
    void defaultsAreTheDocumentedOnes() {
        ListenerLimits limits = ListenerLimits.defaults();
        assertThat(limits.connections()).isEqualTo(1024);
        assertThat(limits.idleTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(limits.requestHeadTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(limits.uplinkKeyTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(limits.callsPerConnection()).isEqualTo(64);
        assertThat(limits.mediaBytesPerConnection()).isEqualTo(256L << 20);
        assertThat(limits.mediaBytesInAll()).isEqualTo(Runtime.getRuntime().maxMemory() / 4);
    }

    @Test
    void eachWithChangesOneLimitAndLeavesTheOriginalAlone() {
        ListenerLimits original = ListenerLimits.defaults();
        ListenerLimits changed = original.withConnections(7).withIdleTimeout(Duration.ofMillis(300))
                .withRequestHeadTimeout(Duration.ofMillis(200)).withUplinkKeyTimeout(Duration.ofMillis(100))
                .withCallsPerConnection(3).withMediaBytes(10, 20);
        assertThat(changed.connections()).isEqualTo(7);
        assertThat(changed.idleTimeout()).isEqualTo(Duration.ofMillis(300));
        assertThat(changed.requestHeadTimeout()).isEqualTo(Duration.ofMillis(200));
        assertThat(changed.uplinkKeyTimeout()).isEqualTo(Duration.ofMillis(100));
        assertThat(changed.callsPerConnection()).isEqualTo(3);
        assertThat(changed.mediaBytesPerConnection()).isEqualTo(10);
        assertThat(changed.mediaBytesInAll()).isEqualTo(20);
        assertThat(original.connections()).isEqualTo(1024);
        assertThat(original.callsPerConnection()).isEqualTo(64);
    }

    @Test
    void aRuntimeReportsTheLimitsItWasBuiltWith() {
        ListenerLimits limits = ListenerLimits.defaults().withConnections(5);
        try (AnvilRuntime runtime = AnvilRuntime.builder().listenerLimits(limits).build()) {
            assertThat(runtime.listenerLimits()).isSameAs(limits);
        }
    }

    @Test
    void nonsenseIsRefusedNamingTheLimit() {
        ListenerLimits limits = ListenerLimits.defaults();
        assertThatThrownBy(() -> limits.withConnections(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("connections");
        assertThatThrownBy(() -> limits.withCallsPerConnection(0)).hasMessageContaining("callsPerConnection");
        assertThatThrownBy(() -> limits.withIdleTimeout(Duration.ZERO)).hasMessageContaining("idleTimeout");
        assertThatThrownBy(() -> limits.withRequestHeadTimeout(Duration.ofSeconds(-1)))
                .hasMessageContaining("requestHeadTimeout");
        assertThatThrownBy(() -> limits.withUplinkKeyTimeout(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("uplinkKeyTimeout");
        assertThatThrownBy(() -> limits.withMediaBytes(0, 1)).hasMessageContaining("Media byte limits");
    }
}
