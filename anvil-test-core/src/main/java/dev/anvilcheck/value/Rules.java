package dev.anvilcheck.value;

import java.time.ZoneId;

/**
 * What one copy follows: the sender's zone (SER-09), whether the destination is the session
 * (SESS-04), and how capabilities are translated on the way (CAP-08).
 */
final class Rules {
    final ZoneId zone;
    final boolean session;
    final CapabilityTranslator capabilities;

    Rules(ZoneId zone, boolean session, CapabilityTranslator capabilities) {
        this.zone = zone;
        this.session = session;
        this.capabilities = capabilities;
    }
}
