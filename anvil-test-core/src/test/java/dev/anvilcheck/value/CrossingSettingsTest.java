package dev.anvilcheck.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.Capability;
import dev.anvilcheck.server.PortableClass;
import dev.anvilcheck.server.PortableClasses;
import dev.anvilcheck.server.SerializationInfo;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The settings of a {@link Crossing}: their defaults, and that each returns a new crossing. */
class CrossingSettingsTest {
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final Side SERVER = Side.of(UTC);
    private static final Side BROWSER = new Side(UTC, PortableClasses.global(), false);
    private static final CapabilityTranslator ISSUE =
            c -> Capability.restore(c.baseScope(), c.narrowing(), "issued");

    /** Remembers what its {@code serialize} hook was told of the receiver's trust (PORT-05). */
    @PortableClass
    static final class TrustProbe {
        boolean receiverTrusted;

        Object serialize(SerializationInfo info) {
            return info.remoteIsTrusted();
        }

        void deserialize(Object data, SerializationInfo info) {
            receiverTrusted = (Boolean) data;
        }
    }

    @Test
    @DisplayName("[PORT-05] serialize hooks are told the receiver's trust, unless receiverTrusted says otherwise")
    void port05_hooksAreToldTheReceiversTrust() {
        Crossing toBrowser = Crossing.from(SERVER).to(BROWSER);

        assertThat(((TrustProbe) toBrowser.returnValue(new TrustProbe())).receiverTrusted).isFalse();
        assertThat(((TrustProbe) toBrowser.receiverTrusted(true).returnValue(new TrustProbe())).receiverTrusted)
                .isTrue();
        assertThat(((TrustProbe) Crossing.from(SERVER).returnValue(new TrustProbe())).receiverTrusted).isTrue();
        assertThat(((TrustProbe) Crossing.from(SERVER).receiverTrusted(false).returnValue(new TrustProbe()))
                .receiverTrusted).isFalse();
    }

    @Test
    @DisplayName("[PORT-05] arguments and session data are received by server code, which hooks are told is trusted")
    void port05_argumentsAndSessionDataGoToTrustedCode() {
        Crossing untrusted = Crossing.from(BROWSER).receiverTrusted(false);

        TrustProbe argument = (TrustProbe) untrusted.arguments(Arguments.of(new TrustProbe())).args().get(0);
        TrustProbe stored = (TrustProbe) untrusted.sessionData(Map.of("p", new TrustProbe())).get("p");

        assertThat(argument.receiverTrusted).isTrue();
        assertThat(stored.receiverTrusted).isTrue();
    }

    @Test
    @DisplayName("[CAP-08] capabilities cross through the crossing's translator, for every purpose")
    void cap08_capabilitiesCrossThroughTheTranslator() {
        Crossing issuing = Crossing.from(UTC).capabilities(ISSUE);
        Capability sent = Capability.restore(List.of("doc"), List.of(), "mac-1");

        assertThat(((Capability) issuing.returnValue(sent)).mac()).isEqualTo("issued");
        assertThat(((Capability) issuing.arguments(Arguments.of(sent)).args().get(0)).mac()).isEqualTo("issued");
        assertThat(((Capability) issuing.sessionData(Map.of("c", sent)).get("c")).mac()).isEqualTo("issued");
        assertThat(((Capability) issuing.taskReturnValue(sent)).mac()).isEqualTo("issued");
        assertThat(((Capability) Crossing.from(UTC).returnValue(sent)).mac()).isEqualTo("mac-1");
    }

    @Test
    @DisplayName("[CAP-08] a setting returns a new crossing and leaves the one it was called on as it was")
    void cap08_settingsLeaveTheOriginalUnchanged() {
        Crossing plain = Crossing.from(UTC);
        Capability sent = Capability.restore(List.of("doc"), List.of(), "mac-1");

        Crossing issuing = plain.capabilities(ISSUE);
        plain.to(BROWSER);
        plain.receiverTrusted(false);

        assertThat(issuing).isNotSameAs(plain);
        assertThat(((Capability) plain.returnValue(sent)).mac()).isEqualTo("mac-1");
        assertThat(((TrustProbe) plain.returnValue(new TrustProbe())).receiverTrusted).isTrue();
    }

    @Test
    @DisplayName("[SER-09] a crossing needs its sender, and no setting takes null")
    void ser09_noSettingTakesNull() {
        Crossing crossing = Crossing.from(UTC);

        assertThatThrownBy(() -> Crossing.from((Side) null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> crossing.to(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> crossing.capabilities(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> crossing.cookieValue(1, null)).isInstanceOf(NullPointerException.class);
    }
}
