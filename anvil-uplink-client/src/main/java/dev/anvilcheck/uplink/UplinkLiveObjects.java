package dev.anvilcheck.uplink;

import dev.anvilcheck.media.LazyMedia;
import dev.anvilcheck.media.Media;
import dev.anvilcheck.server.Task;
import dev.anvilcheck.wire.LiveObjects;
import dev.anvilcheck.wire.PrivateCommands;
import dev.anvilcheck.wire.WireFormatException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The LiveObjects of one {@link Uplink}'s codec (Uplink protocol §4.6): task descriptors it
 * receives become live {@link UplinkTask} handles on it (TASK-17), LazyMedia descriptors become
 * {@link LazyMedia} that fetch their content over it on first use (MEDIA-04), and both cross back
 * to the server as the descriptors they arrived as; everything else goes through the codec's own.
 */
final class UplinkLiveObjects implements LiveObjects {
    /** The platform function that fetches a LazyMedia's content (Uplink protocol §3.4). */
    static final String FETCH_LAZY_MEDIA = PrivateCommands.FETCH_LAZY_MEDIA;

    private final Uplink uplink;
    private final LiveObjects inner;
    private final Map<LazyMedia, Map<String, Object>> lazy = Collections.synchronizedMap(new WeakHashMap<>());

    UplinkLiveObjects(Uplink uplink, LiveObjects inner) {
        this.uplink = uplink;
        this.inner = inner;
    }

    @Override
    public Map<String, Object> describe(Task task) {
        if (task instanceof UplinkTask t && t.cameOver(uplink)) {
            return t.descriptor();
        }
        return inner.describe(task);
    }

    @Override
    public Object resolve(Map<String, Object> d) {
        return TASK_BACKEND.equals(d.get("backend")) ? new UplinkTask(uplink, d) : inner.resolve(d);
    }

    /** A LazyMedia this uplink received goes back as the descriptor it arrived as. */
    @Override
    public Map<String, Object> describe(LazyMedia media) {
        Map<String, Object> received = lazy.get(media);
        return received != null ? new LinkedHashMap<>(received) : inner.describe(media);
    }

    /**
     * A received LazyMedia fetches its content, on first use, with
     * {@code anvil.private.fetch_lazy_media(descriptor)} over this uplink, as the Python client
     * does (MEDIA-04; Uplink protocol §3.4); the call is nested in the incoming call that reads it.
     */
    @Override
    public LazyMedia lazyMedia(Map<String, Object> d) {
        Map<String, Object> spec = Collections.unmodifiableMap(new LinkedHashMap<>(d));
        LazyMedia media = new LazyMedia(String.valueOf(d.get("id")), () -> fetch(spec));
        lazy.put(media, spec);
        return media;
    }

    private Media fetch(Map<String, Object> spec) {
        Object fetched = uplink.call(FETCH_LAZY_MEDIA, new LinkedHashMap<>(spec));
        if (!(fetched instanceof Media media)) {
            throw new WireFormatException("The server answered " + FETCH_LAZY_MEDIA + " with "
                    + (fetched == null ? "None" : "a " + fetched.getClass().getSimpleName()) + " instead of Media",
                    null, null);
        }
        return media;
    }
}
