package dev.anvilcheck.wire;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A bound on the bytes of Media a receiver holds while it waits for the rest of them (Uplink
 * protocol §3.6): a {@link Decoder} given a quota reserves from it the memory each Media being
 * received occupies, and gives it back when the message is handed on, fails or is dropped. A quota
 * may have a parent, from which every reservation is also taken, so that one quota per connection
 * under one per process bounds both what a connection and what all connections together hold.
 * Thread-safe; a reservation either succeeds in this quota and all its ancestors, or changes
 * nothing.
 *
 * @since 0.1
 */
public final class MediaQuota {
    private final long limit;
    private final MediaQuota parent;
    private final String name;
    private final AtomicLong used = new AtomicLong();

    /**
     * Creates a quota.
     *
     * @param limit the bytes it grants at most, at least 1
     * @param parent the quota every reservation is also taken from, or {@code null}
     * @param name what the quota bounds, for the error a refused message gets, e.g. {@code "this
     *     connection"}
     */
    public MediaQuota(long limit, MediaQuota parent, String name) {
        if (limit < 1) {
            throw new IllegalArgumentException("a Media quota must be at least 1 byte: " + limit);
        }
        this.limit = limit;
        this.parent = parent;
        this.name = java.util.Objects.requireNonNull(name, "name");
    }

    /**
     * A quota that grants anything, for receivers with no bound but the per-Media one.
     *
     * @return a new unbounded quota
     */
    public static MediaQuota unbounded() {
        return new MediaQuota(Long.MAX_VALUE, null, "unbounded");
    }

    /**
     * Reserves {@code bytes} here and in every ancestor, or nothing.
     *
     * @param bytes how many, not negative
     * @return the quota that refused (this one or an ancestor), or {@code null} if all granted them
     */
    MediaQuota tryReserve(long bytes) {
        if (bytes == 0) {
            return null;
        }
        long now;
        do {
            now = used.get();
            if (bytes > limit - now) {
                return this;
            }
        } while (!used.compareAndSet(now, now + bytes));
        MediaQuota refused = parent == null ? null : parent.tryReserve(bytes);
        if (refused != null) {
            used.addAndGet(-bytes);
        }
        return refused;
    }

    /**
     * How many bytes a reservation could get now, here and in every ancestor.
     *
     * @return the headroom, at least 0
     */
    long available() {
        long here = Math.max(0, limit - used.get());
        return parent == null ? here : Math.min(here, parent.available());
    }

    /**
     * Gives back {@code bytes} reserved earlier, here and in every ancestor.
     *
     * @param bytes how many
     */
    void release(long bytes) {
        if (bytes != 0) {
            used.addAndGet(-bytes);
            if (parent != null) {
                parent.release(bytes);
            }
        }
    }

    /**
     * The bytes this quota grants at most.
     *
     * @return the limit
     */
    public long limit() {
        return limit;
    }

    /**
     * The bytes reserved from this quota now.
     *
     * @return the bytes in use
     */
    public long used() {
        return used.get();
    }

    /**
     * What the quota bounds, as its refusal names it.
     *
     * @return the name given
     */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "MediaQuota[" + name + ": " + used.get() + " of " + limit + " bytes]";
    }
}
