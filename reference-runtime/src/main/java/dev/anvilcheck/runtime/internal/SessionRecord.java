package dev.anvilcheck.runtime.internal;

import dev.anvilcheck.runtime.internal.cookies.CookieStore;
import dev.anvilcheck.server.ClientInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One server-side session: its id, how it began (CTX-03), its logged-in user, its committed data
 * and when it was last used (SESS-01..15). Committed data is copy-on-write: a published map is
 * never modified, so a call may keep it as its snapshot (CALL-15, SESS-08).
 */
public final class SessionRecord {
    private final String id;
    private final String backgroundTaskId;
    private volatile ClientInfo client;
    private volatile Object user;
    private volatile Map<String, Object> data = Map.of();
    private volatile long lastAccessMillis;
    private volatile ObjectKey objectKey = ObjectKey.fresh(0);
    private volatile CookieStore cookieStore;
    private volatile EventSink eventSink;
    private final Set<String> subscriptions = new LinkedHashSet<>();

    /**
     * A new, empty session.
     *
     * @param client how it began
     * @param backgroundTaskId the task whose session this is, or {@code null}
     * @param now the current time
     */
    public SessionRecord(ClientInfo client, String backgroundTaskId, Instant now) {
        this.id = Ids.base32(32);
        this.client = Objects.requireNonNull(client, "client");
        this.backgroundTaskId = backgroundTaskId;
        this.lastAccessMillis = now.toEpochMilli();
    }

    /** @return the session id (SESS-03) */
    public String id() {
        return id;
    }

    /** @return how the session began (CTX-03, CTX-12) */
    public ClientInfo client() {
        return client;
    }

    /** @param client how the session began, as the caller now describes it */
    public void client(ClientInfo client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /** @return the background task id of this session, or {@code null} (CTX-09) */
    public String backgroundTaskId() {
        return backgroundTaskId;
    }

    /** @return the logged-in user, or {@code null} */
    public Object user() {
        return user;
    }

    /** @param user the logged-in user, or {@code null} to log out */
    public void user(Object user) {
        this.user = user;
    }

    /** @return the committed data; never modify it */
    public Map<String, Object> data() {
        return data;
    }

    /**
     * Whether the session has been idle longer than {@code timeout} at {@code now} (SESS-10).
     *
     * @param nowMillis the current time in epoch milliseconds
     * @param timeoutMillis the idle limit in milliseconds
     * @return true if expired
     */
    public boolean idleLongerThan(long nowMillis, long timeoutMillis) {
        return nowMillis - lastAccessMillis > timeoutMillis;
    }

    /** @param nowMillis the time of an access in epoch milliseconds, which pushes expiry forward (SESS-10) */
    public void touch(long nowMillis) {
        lastAccessMillis = nowMillis;
    }

    /**
     * Commits {@code next} if the stored data still equals {@code snapshot}; otherwise drops it
     * (SESS-08).
     *
     * @param snapshot the data the call started from
     * @param next the data the call ended with, already copied
     */
    public synchronized void commit(Map<String, Object> snapshot, Map<String, Object> next) {
        Map<String, Object> current = data;
        if (current != snapshot && !current.equals(snapshot)) {
            return;
        }
        data = next;
    }

    /** @return the key that MACs this session's capabilities, and its generation (CAP-08, CAP-15) */
    public ObjectKey objectKey() {
        return objectKey;
    }

    /**
     * Rotates the object secret: every capability issued to this session before stops being
     * accepted and becomes invalid (CAP-15, CAP-16, SESS-12, SESS-13).
     */
    public synchronized void invalidateObjects() {
        objectKey = ObjectKey.fresh(objectKey.generation() + 1);
    }

    /**
     * Stores a value directly in the committed data, as a test's set-up does.
     *
     * @param key the key
     * @param value the value, already copied
     */
    public synchronized void put(String key, Object value) {
        Map<String, Object> next = new LinkedHashMap<>(data);
        next.put(key, value);
        data = next;
    }

    /**
     * The cookies of the browser that started this session, or {@code null} when no browser did,
     * so that cookie access raises {@code CookieError} (SESS-16, SESS-17).
     *
     * @return the browser's cookie store, or {@code null}
     */
    public CookieStore cookieStore() {
        return cookieStore;
    }

    /** @param store the cookie store of the browser that runs in this session, or {@code null} */
    public void cookieStore(CookieStore store) {
        this.cookieStore = store;
    }

    /** @return where events raised to this session go, or {@code null} without a browser (MISC-05) */
    public EventSink eventSink() {
        return eventSink;
    }

    /** @param sink where events raised to this session go, or {@code null} */
    public void eventSink(EventSink sink) {
        this.eventSink = sink;
    }

    /** @param channel a channel this session now receives events of (MISC-05) */
    public synchronized void subscribe(String channel) {
        subscriptions.add(channel);
    }

    /** @param channel a channel this session no longer receives events of */
    public synchronized void unsubscribe(String channel) {
        subscriptions.remove(channel);
    }

    /**
     * Whether this session is subscribed to a channel.
     *
     * @param channel the channel
     * @return true if subscribed
     */
    public synchronized boolean subscribed(String channel) {
        return subscriptions.contains(channel);
    }

    /** @return the channels this session is subscribed to, in the order of subscription */
    public synchronized List<String> subscriptions() {
        return new ArrayList<>(subscriptions);
    }
}
