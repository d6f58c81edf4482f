package dev.anvilcheck.uplink;

import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.Task;
import dev.anvilcheck.wire.LiveObjects;
import dev.anvilcheck.wire.WireFormatException;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A background task handle an uplink received from the server, a LiveObject of backend
 * {@code anvil.private.BackgroundTask} (Uplink protocol §4.6): every method, {@code get_id} included,
 * is a LiveObject call back to the server over the uplink that received it, a {@code CALL} whose
 * {@code liveObjectCall} names the handle's {@code id}, {@code backend}, {@code mac} and
 * {@code permissions} and the method, nested in the incoming call it is made from, as the official
 * client's proxy does (§3.4). So the handle follows the task to its end (TASK-08..16), the server's
 * errors arrive as their own classes (ERR-01..05), killing a task that runs on an uplink does nothing
 * (TASK-18), and after a disconnect every method raises the client's error for calls made then
 * (UPL-01, UPL-10). Sent back to the server, the handle crosses as the descriptor it arrived as.
 * Two handles are equal when they came over the same uplink with the same descriptor id.
 */
final class UplinkTask implements Task {
    private final Uplink uplink;
    private final Map<String, Object> descriptor;
    private final String id;

    UplinkTask(Uplink uplink, Map<String, Object> descriptor) {
        this.uplink = uplink;
        this.descriptor = Collections.unmodifiableMap(new LinkedHashMap<>(descriptor));
        this.id = ((Task) LiveObjects.TASKS.resolve(descriptor)).getId();
    }

    /** Whether this handle came over {@code receiver}; then it crosses back as {@link #descriptor()}. */
    boolean cameOver(Uplink receiver) {
        return uplink == receiver;
    }

    /** The descriptor this handle arrived as. */
    Map<String, Object> descriptor() {
        return new LinkedHashMap<>(descriptor);
    }

    private Object invoke(String method) {
        return uplink.liveObjectCall(descriptor, method, Arguments.none());
    }

    private <T> T expect(String method, Class<T> type) {
        Object value = invoke(method);
        if (value != null && !type.isInstance(value)) {
            throw new WireFormatException("The server answered " + LiveObjects.TASK_BACKEND + "." + method + " of task "
                    + id + " with a " + value.getClass().getSimpleName() + " instead of a " + type.getSimpleName(),
                    null, null);
        }
        return type.cast(value);
    }

    @Override
    public String getId() {
        return expect("get_id", String.class);
    }

    @Override
    public String getTaskName() {
        return expect("get_task_name", String.class);
    }

    @Override
    public OffsetDateTime getStartTime() {
        return expect("get_start_time", OffsetDateTime.class);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> getState() {
        return expect("get_state", Map.class);
    }

    @Override
    public String getTerminationStatus() {
        return expect("get_termination_status", String.class);
    }

    @Override
    public Object getReturnValue() {
        return invoke("get_return_value");
    }

    @Override
    public RuntimeException getError() {
        return expect("get_error", RuntimeException.class);
    }

    @Override
    public boolean isRunning() {
        return Boolean.TRUE.equals(expect("is_running", Boolean.class));
    }

    @Override
    public boolean isCompleted() {
        return Boolean.TRUE.equals(expect("is_completed", Boolean.class));
    }

    @Override
    public void kill() {
        invoke("kill");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UplinkTask t && t.uplink == uplink && t.id.equals(id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "Task[" + id + ", over the uplink]";
    }
}
