package dev.anvilcheck.runtime.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The persisted sessions of the app, which the event API can reach by id (MISC-05, Q-15): a
 * browser's session from the start, any other session once {@code get_session_id()} or
 * {@code subscribe()} persisted it (SESS-09). Sessions that expired (SESS-10) or that a browser
 * left with {@code reset_session()} (SESS-12) drop out. Thread-safe.
 */
public final class SessionDirectory {
    private final Map<String, SessionRecord> persisted = new ConcurrentHashMap<>();

    /** @param record a session to make reachable by id */
    public void persist(SessionRecord record) {
        persisted.put(record.id(), record);
    }

    /** @param record a session that ended, e.g. one a browser left */
    public void remove(SessionRecord record) {
        persisted.remove(record.id(), record);
    }

    /**
     * A persisted session that is still alive.
     *
     * @param id the session id
     * @param expired which sessions have expired
     * @return the session, or {@code null}
     */
    SessionRecord find(String id, Predicate<SessionRecord> expired) {
        SessionRecord record = id == null ? null : persisted.get(id);
        if (record != null && expired.test(record)) {
            persisted.remove(id, record);
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
        List<SessionRecord> alive = new ArrayList<>();
        for (SessionRecord record : persisted.values()) {
            if (expired.test(record)) {
                persisted.remove(record.id(), record);
            } else {
                alive.add(record);
            }
        }
        return alive;
    }
}
