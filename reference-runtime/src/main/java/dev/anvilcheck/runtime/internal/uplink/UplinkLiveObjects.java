package dev.anvilcheck.runtime.internal.uplink;

import dev.anvilcheck.runtime.internal.OutsideTheSpecification;
import dev.anvilcheck.media.BlobMedia;
import dev.anvilcheck.media.LazyMedia;
import dev.anvilcheck.media.Media;
import dev.anvilcheck.runtime.internal.Dispatcher;
import dev.anvilcheck.server.AnvilWrappedError;
import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.NoServerFunctionError;
import dev.anvilcheck.server.Task;
import dev.anvilcheck.server.host.WireError;
import dev.anvilcheck.wire.LiveObjects;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The live objects of one connection, both ways (Uplink protocol §3.4, §4.6). Task handles cross as
 * the official server's LiveObjects, with this server's MAC, and come back as this runtime's tasks:
 * for a client uplink, only with a valid MAC, and as the client view (TASK-17; an invalid one is
 * refused as {@code anvil.server.InvalidObjectError}, as the official server refuses a browser's);
 * the methods the uplink calls on a handle are answered here. LazyMedia goes out by reference and
 * is remembered, so that the uplink may fetch its content ({@code anvil.private.fetch_lazy_media})
 * and send it back as the reference it was (MEDIA-04).
 */
final class UplinkLiveObjects implements LiveObjects {
    /** How many LazyMedia references one connection remembers for fetching, the least recently used forgotten. */
    private static final int MAX_LAZY_MEDIA = 10_000;

    private final TaskMacs taskMacs;
    private final Dispatcher dispatcher;
    private final UplinkCaller caller;
    /** The LazyMedia this server sent over the connection, by key: what the uplink may fetch (MEDIA-04). */
    private final Map<String, LazyMedia> lazyMediaSent = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                @OutsideTheSpecification("the bound on the LazyMedia one connection remembers (a resource limit)")
                protected boolean removeEldestEntry(Map.Entry<String, LazyMedia> eldest) {
                    return size() > MAX_LAZY_MEDIA;
                }
            });

    UplinkLiveObjects(TaskMacs taskMacs, Dispatcher dispatcher, UplinkCaller caller) {
        this.taskMacs = taskMacs;
        this.dispatcher = dispatcher;
        this.caller = caller;
    }

    @Override
    public Map<String, Object> describe(Task task) {
        Map<String, Object> descriptor = new LinkedHashMap<>(LiveObjects.TASKS.describe(task));
        descriptor.put("mac", taskMacs.sign(task.getId()));
        return descriptor;
    }

    @Override
    public Object resolve(Map<String, Object> descriptor) {
        String id = ((Task) LiveObjects.TASKS.resolve(descriptor)).getId();
        boolean client = caller.isClient();
        if (client && !taskMacs.valid(id, descriptor.get("mac"))) {
            throw new AnvilWrappedError(new WireError("anvil.server.InvalidObjectError",
                    "Invalid LiveObject MAC", List.of()));
        }
        return dispatcher.tasks().handle(id, client);
    }

    /**
     * A LazyMedia goes out by reference, under a key this connection mints for it (ids are not
     * unique: two media may share one), and the uplink may then fetch it (MEDIA-04).
     */
    @Override
    public Map<String, Object> describe(LazyMedia media) {
        String key = "lazy-" + ConnectionIds.newId();
        lazyMediaSent.put(key, media);
        Map<String, Object> descriptor = new LinkedHashMap<>(LiveObjects.super.describe(media));
        descriptor.put("key", key);
        return descriptor;
    }

    /** A LazyMedia this server sent comes back as the reference it was; any other cannot be read. */
    @Override
    public LazyMedia lazyMedia(Map<String, Object> descriptor) {
        LazyMedia sent = lazyMediaSent.get(String.valueOf(descriptor.get("key")));
        return sent != null ? sent.reference() : LiveObjects.super.lazyMedia(descriptor);
    }

    /** A method called on a task handle the uplink received (Uplink protocol §3.4; TASK-17). */
    Object call(Map<String, Object> live, Arguments args) {
        Map<String, Object> descriptor = new LinkedHashMap<>(live);
        Task task = (Task) resolve(descriptor);
        Object method = live.get("method");
        switch (String.valueOf(method)) {
            case "get_id" -> {
                return task.getId();
            }
            case "get_task_name" -> {
                return task.getTaskName();
            }
            case "get_state" -> {
                return task.getState();
            }
            case "get_return_value" -> {
                return task.getReturnValue();
            }
            case "get_error" -> {
                RuntimeException error = task.getError();
                if (error != null) {
                    throw error;
                }
                return null;
            }
            case "get_termination_status" -> {
                return task.getTerminationStatus();
            }
            case "get_start_time" -> {
                return task.getStartTime();
            }
            case "is_completed" -> {
                return task.isCompleted();
            }
            case "is_running" -> {
                return task.isRunning();
            }
            case "kill" -> {
                task.kill();
                return null;
            }
            default -> throw new NoServerFunctionError("No server function matching \""
                    + LiveObjects.TASK_BACKEND + "." + method + "\" has been registered");
        }
    }

    /**
     * The content of a LazyMedia this server sent over this connection, which the uplink reads
     * for the first time (MEDIA-04; Uplink protocol §3.4): fetched from its source here, sent
     * whole as Media.
     */
    Media fetch(Arguments args) {
        Object spec = args.args().isEmpty() ? null : args.args().get(0);
        Object key = spec instanceof Map<?, ?> map ? map.get("key") : null;
        LazyMedia media = key == null ? null : lazyMediaSent.get(String.valueOf(key));
        if (media == null) {
            throw new AnvilWrappedError(new WireError("anvil.server.InvalidObjectError",
                    "No such LazyMedia on this connection: " + spec, List.of()));
        }
        LazyMedia fresh = media.reference();
        return new BlobMedia(fresh.contentType(), fresh.getBytes(), fresh.name());
    }
}
