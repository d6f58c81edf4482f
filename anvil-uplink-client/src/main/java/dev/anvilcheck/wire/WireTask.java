package dev.anvilcheck.wire;

import dev.anvilcheck.server.SerializationError;
import dev.anvilcheck.server.Task;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A task handle received over the wire without a runtime to call back: it knows its id, and every
 * other method raises. Two are equal when their ids are.
 */
final class WireTask implements Task {
    private final String id;

    WireTask(String id) {
        this.id = Objects.requireNonNull(id, "id");
    }

    static Map<String, Object> describe(String taskId, String mac) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("backend", LiveObjects.TASK_BACKEND);
        d.put("id", JsonText.quote(taskId));
        d.put("permissions", List.of());
        d.put("mac", mac);
        d.put("methods", LiveObjects.TASK_METHODS);
        return d;
    }

    /**
     * The task id a task descriptor names: its {@code id} is the JSON string of the task id.
     *
     * @throws SerializationError if the descriptor is not a task's
     */
    static String taskId(Map<String, Object> descriptor) {
        if (!LiveObjects.TASK_BACKEND.equals(descriptor.get("backend")) || !(descriptor.get("id") instanceof String raw)) {
            throw new SerializationError("Cannot deserialise a LiveObject of backend '" + descriptor.get("backend")
                    + "' here");
        }
        String id = JsonText.unquote(raw);
        if (id == null) {
            throw new SerializationError("Invalid background task id in a LiveObject: " + raw);
        }
        return id;
    }

    static Task resolve(Map<String, Object> descriptor) {
        return new WireTask(taskId(descriptor));
    }

    private UnsupportedOperationException remote() {
        return new UnsupportedOperationException("Task " + id + " was received over the wire without a runtime to"
                + " ask about it; only getId() is available");
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public String getTaskName() {
        throw remote();
    }

    @Override
    public OffsetDateTime getStartTime() {
        throw remote();
    }

    @Override
    public Map<String, Object> getState() {
        throw remote();
    }

    @Override
    public String getTerminationStatus() {
        throw remote();
    }

    @Override
    public Object getReturnValue() {
        throw remote();
    }

    @Override
    public RuntimeException getError() {
        throw remote();
    }

    @Override
    public boolean isRunning() {
        throw remote();
    }

    @Override
    public boolean isCompleted() {
        throw remote();
    }

    @Override
    public void kill() {
        throw remote();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WireTask t && id.equals(t.id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "Task[" + id + ", received over the wire]";
    }
}
