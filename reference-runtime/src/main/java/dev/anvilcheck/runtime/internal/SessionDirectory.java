package dev.anvilcheck.runtime.internal;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The persisted sessions of the app, which the event API can reach by id (MISC-05, Q-15): a
 * browser's session from the start, any other session once {@code get_session_id()} or
 * {@code subscribe()} persisted it (SESS-09). Sessions that expired (SESS-10) or that a browser
 * left with {@code reset_session()} (SESS-12) drop out. The directory holds sessions weakly: a
 * session no simulated caller holds any more drops out too, so that a long-lived runtime that
 * creates many callers does not keep them all. Thread-safe.
 */
public final class SessionDirectory {
    private final Map<String, Entry> persisted = new ConcurrentHashMap<>();
    private final ReferenceQueue<SessionRecord> cleared = new ReferenceQueue<>();

    /** A weakly held session, remembering its id for removal once collected. */
    private static final class Entry extends WeakReference<SessionRecord> {
        final String id;

        Entry(SessionRecord record, ReferenceQueue<SessionRecord> queue) {
            super(record, queue);
            this.id = record.id();
        }
    }

    /** @param record a session to make reachable by id */
    public void persist(SessionRecord record) {
        expunge();
        Entry current = persisted.get(record.id());
        if (current == null || current.get() != record) {
            persisted.put(record.id(), new Entry(record, cleared));
        }
    }

    /** @param record a session that ended, e.g. one a browser left */
    public void remove(SessionRecord record) {
        persisted.computeIfPresent(record.id(), (id, e) -> e.get() == record ? null : e);
        expunge();
    }

    private void expunge() {
        for (Object ref = cleared.poll(); ref != null; ref = cleared.poll()) {
            Entry gone = (Entry) ref;
            persisted.remove(gone.id, gone);
        }
    }

    /**
     * A persisted session that is still alive.
     *
     * @param id the session id
     * @param expired which sessions have expired
     * @return the session, or {@code null}
     */
    SessionRecord find(String id, Predicate<SessionRecord> expired) {
        expunge();
        Entry entry = id == null ? null : persisted.get(id);
        SessionRecord record = entry == null ? null : entry.get();
        if (entry != null && (record == null || expired.test(record))) {
            persisted.remove(id, entry);
            return null;
        }
        return record;
    }

    /**
     * Every persisted session that is still alive, dropping the expired ones.
     *
     * @param expired which sessions have expired
     * @return the sessions
     */
    List<SessionRecord> live(Predicate<SessionRecord> expired) {
        expunge();
        List<SessionRecord> alive = new ArrayList<>();
        for (Entry entry : persisted.values()) {
            SessionRecord record = entry.get();
            if (record == null || expired.test(record)) {
                persisted.remove(entry.id, entry);
            } else {
                alive.add(record);
            }
        }
        return alive;
    }
}
