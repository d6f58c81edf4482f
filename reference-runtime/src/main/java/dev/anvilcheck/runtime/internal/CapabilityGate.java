package dev.anvilcheck.runtime.internal;

import dev.anvilcheck.server.AnvilWrappedError;
import dev.anvilcheck.server.Capability;
import dev.anvilcheck.server.WireError;
import dev.anvilcheck.value.CapabilityTranslator;
import dev.anvilcheck.value.Crossing;
import dev.anvilcheck.value.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How capabilities cross in the reference runtime (CAP-07, CAP-08, CAP-15..20, SESS-13).
 * Capabilities server code returns get a MAC of their base scope under the session's object key;
 * capabilities a caller sends are checked when the server receives the call: an untrusted caller
 * must send a MAC that matches this session's current key, a trusted caller may send one without
 * a MAC. Each capability a function receives remembers the one its caller passed, so that updates
 * flow back when the function returns (CAP-18).
 */
final class CapabilityGate {
    static final String INVALID_OBJECT = "anvil.server.InvalidObjectError";

    private CapabilityGate() {}

    /** The epoch of a session's objects, as capabilities remember it (CAP-15). */
    record SessionEpoch(SessionRecord record, long generation) implements Capability.Epoch {
        @Override
        public boolean isCurrent() {
            return record.objectKey().generation() == generation;
        }

        @Override
        public Capability.Epoch current() {
            return of(record);
        }

        static SessionEpoch of(SessionRecord record) {
            return new SessionEpoch(record, record.objectKey().generation());
        }
    }

    /** Translates capabilities a caller sends; checks them later, on the server side. */
    static final class Inbound implements CapabilityTranslator {
        private final boolean trusted;
        private final SessionRecord record;
        private List<Capability> sent;
        private List<Capability> received;

        Inbound(boolean trusted, SessionRecord record) {
            this.trusted = trusted;
            this.record = record;
        }

        @Override
        public Capability translate(Capability c) {
            Capability copy = Capability.restore(c.baseScope(), c.narrowing(), c.mac(), SessionEpoch.of(record), false);
            if (sent == null) {
                sent = new ArrayList<>(2);
                received = new ArrayList<>(2);
            }
            sent.add(c);
            received.add(copy);
            return copy;
        }

        /** Refuses forged, tampered, foreign or invalidated capabilities (CAP-08, CAP-20, SESS-13). */
        void check() {
            if (sent == null) {
                return;
            }
            ObjectKey key = record.objectKey();
            for (Capability c : sent) {
                if (c.mac() == null) {
                    if (!trusted) {
                        throw invalid("A capability without a MAC came from client code: untrusted callers may only"
                                + " send capabilities the server issued (scope " + c.scope() + ")");
                    }
                } else if (!key.verifies(c.baseScope(), c.mac())) {
                    throw invalid("Error processing object from expired session: the capability " + c.scope()
                            + " was not issued to this session, was altered, or was invalidated");
                }
            }
        }

        /** Sends each received capability's update back to the one the caller passed (CAP-18). */
        void returnUpdates(Side callee, Side caller) {
            if (received == null) {
                return;
            }
            for (int i = 0; i < received.size(); i++) {
                Object update = received.get(i).takeUpdate();
                if (update == null || (update instanceof Map<?, ?> m && m.isEmpty())) {
                    continue;
                }
                sent.get(i).applyUpdate(Crossing.returnValue(update, callee, caller));
            }
        }
    }

    static AnvilWrappedError invalid(String message) {
        return new AnvilWrappedError(new WireError(INVALID_OBJECT, message, List.of()));
    }
}
