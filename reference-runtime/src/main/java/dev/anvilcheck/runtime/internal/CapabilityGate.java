package dev.anvilcheck.runtime.internal;

import dev.anvilcheck.server.AnvilWrappedError;
import dev.anvilcheck.server.Capability;
import dev.anvilcheck.server.host.WireError;
import dev.anvilcheck.value.CapabilityTranslator;
import dev.anvilcheck.value.Crossing;
import dev.anvilcheck.value.Side;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How capabilities cross in the reference runtime (CAP-07, CAP-08, CAP-15..20, SESS-13).
 * Capabilities server code returns get a MAC of their base scope under the session's object key;
 * capabilities a caller sends are checked when the server receives the call: an untrusted caller
 * must send a MAC that matches this session's current key, a trusted caller may send one without
 * a MAC. The capabilities a function receives are kept with the ones its caller passed, so that
 * updates flow back, by scope, when the function returns normally (CAP-17, CAP-18).
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

        /**
         * Refuses forged, tampered, foreign or invalidated capabilities (CAP-08, CAP-20, SESS-13),
         * as the platform does while it deserialises a call, before the call is dispatched: a
         * capability with a MAC must carry the MAC of its base scope under the session's current
         * key, whoever sends it; one without a MAC only comes from trusted code, and never with a
         * scope starting with {@code "_"}.
         */
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
                    if (c.baseScope().isEmpty() || "_".equals(c.baseScope().get(0))) {
                        throw invalid("A capability without a MAC must have a scope that does not start with"
                                + " \"_\" (scope " + c.scope() + ")");
                    }
                } else if (!key.verifies(c.baseScope(), c.mac())) {
                    throw invalid("Error processing object from expired session: the capability " + c.scope()
                            + " was not issued to this session, was altered, or was invalidated");
                }
            }
        }

        /**
         * Takes the updates the callee's copies have for the caller, by full scope, as the callee's
         * response carries them (CAP-17, CAP-18): for each received capability its
         * {@link Capability#takeUpdate()}, skipped when {@code null}; of several copies with one
         * scope, the last with an update wins. Each update is copied as a return value, so an
         * update that cannot cross fails the call as its return value would (CALL-21).
         *
         * @param callee the callee's side: its zone stamps naive date-times (SER-09), its portable
         *     classes name the objects in the updates (PORT-03)
         * @param caller the caller's side, which receives the updates (PORT-04)
         * @return the updates by scope; empty when there are none
         */
        Map<List<Object>, Object> takeUpdates(Side callee, Side caller) {
            if (received == null) {
                return Map.of();
            }
            Map<List<Object>, Object> updates = new LinkedHashMap<>();
            for (Capability copy : received) {
                Object update = copy.takeUpdate();
                if (update != null) {
                    updates.put(copy.scope(), Crossing.from(callee).to(caller).returnValue(update));
                }
            }
            return updates;
        }

        /**
         * Applies the callee's updates to every capability the caller passed whose full scope has
         * one, in the order they were passed (CAP-18): its {@code applyUpdate} handler runs, and a
         * server-side capability queues the update in turn for its own caller.
         *
         * @param updates the updates from {@link #takeUpdates(Side, Side)}, received on the caller's side
         * @param caller the caller's side, on which each capability gets a copy of its own
         */
        void applyUpdates(Map<List<Object>, Object> updates, Side caller) {
            if (updates.isEmpty()) {
                return;
            }
            for (Capability c : sent) {
                List<Object> scope = c.scope();
                if (updates.containsKey(scope)) {
                    c.applyUpdate(Crossing.from(caller).returnValue(updates.get(scope)));
                }
            }
        }
    }

    /**
     * The capability a caller receives when server code returns {@code c} (CAP-06, CAP-08): as the
     * platform re-serialises every capability it accepts, the receiver gets the full scope as its
     * base, with a MAC of it under the session's current key, so that it cannot strip narrowing
     * the server applied. A capability whose MAC does not verify under the current key (issued to
     * another session, or before an invalidation) keeps its old MAC and stays refused.
     *
     * @param record the session of the call that returns it
     * @param c the capability server code returned
     * @param receiverIsClient whether the receiver is client code (CAP-19)
     * @return the capability the receiver gets
     */
    static Capability issue(SessionRecord record, Capability c, boolean receiverIsClient) {
        SessionEpoch epoch = SessionEpoch.of(record);
        ObjectKey key = record.objectKey();
        if (c.mac() != null && !key.verifies(c.baseScope(), c.mac())) {
            return Capability.restore(c.baseScope(), c.narrowing(), c.mac(), epoch, receiverIsClient);
        }
        List<Object> full = c.scope();
        return Capability.restore(full, List.of(), key.mac(full), epoch, receiverIsClient);
    }

    static AnvilWrappedError invalid(String message) {
        return new AnvilWrappedError(new WireError(INVALID_OBJECT, message, List.of()));
    }
}
