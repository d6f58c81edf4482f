package dev.anvilcheck.runtime.internal.tasks;

import dev.anvilcheck.runtime.internal.OutsideTheSpecification;
import dev.anvilcheck.server.BackgroundTaskKilled;
import dev.anvilcheck.server.BackgroundTaskNotFound;
import dev.anvilcheck.server.InternalError;
import dev.anvilcheck.server.Task;
import dev.anvilcheck.value.Crossing;
import dev.anvilcheck.value.Side;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * A handle on one task of one runtime (TASK-08..16): every method reads the task's current record,
 * and a handle whose record was discarded (TASK-25) sees the task as missing, as the platform's
 * handles do. A client view is the handle as client code holds it: it may read the task, but
 * {@link #kill()} from outside any server call raises {@code BackgroundTaskError} (TASK-17).
 */
final class TaskHandle implements Task {
    private final TaskManager manager;
    private final String id;
    private final boolean client;

    TaskHandle(TaskManager manager, String id, boolean client) {
        this.manager = manager;
        this.id = id;
        this.client = client;
    }

    /** This handle as client code receives it from {@code manager}, or itself if it is not one of its handles. */
    Task clientView(TaskManager owner) {
        return owner == manager && !client ? new TaskHandle(manager, id, true) : this;
    }

    boolean client() {
        return client;
    }

    @Override
    public String getId() {
        return id;
    }

    private TaskRecord record() {
        return manager.record(id);
    }

    private TaskRecord existing() {
        TaskRecord record = record();
        if (record == null) {
            throw new BackgroundTaskNotFound("Background Task not found: " + id);
        }
        return record;
    }

    @Override
    public String getTaskName() {
        return existing().name();
    }

    @Override
    public OffsetDateTime getStartTime() {
        return OffsetDateTime.ofInstant(existing().startTime(), ZoneOffset.UTC);
    }

    @Override
    public Map<String, Object> getState() {
        TaskRecord record = record();
        if (record == null) {
            return null;
        }
        TaskRecord.View view = record.view();
        Side server = manager.serverSide();
        if (view.status() == null) {
            return TaskValues.copyState(record.state().current(), record.side(), server);
        }
        return view.finalState() == null ? null : TaskValues.copyState(view.finalState(), server, server);
    }

    @Override
    public String getTerminationStatus() {
        TaskRecord record = record();
        if (record == null) {
            return MISSING;
        }
        TaskRecord.Status status = record.status();
        return status == null ? null : status.wire();
    }

    @Override
    public Object getReturnValue() {
        TaskRecord record = record();
        if (record == null) {
            return null;
        }
        TaskRecord.View view = record.view();
        if (view.error() != null) {
            throw view.error().toException();
        }
        if (view.status() != TaskRecord.Status.COMPLETED) {
            return null;
        }
        Side server = manager.serverSide();
        return Crossing.from(server).returnValue(view.returnValue());
    }

    @Override
    public RuntimeException getError() {
        TaskRecord record = record();
        if (record == null) {
            return null;
        }
        TaskRecord.View view = record.view();
        if (view.error() != null) {
            throw view.error().toException();
        }
        return null;
    }

    @Override
    public boolean isRunning() {
        TaskRecord record = record();
        return record != null && record.status() == null;
    }

    @Override
    public boolean isCompleted() {
        TaskRecord record = record();
        if (record == null) {
            throw new InternalError("The background task failed (mia).");
        }
        TaskRecord.View view = record.view();
        if (view.status() == null) {
            return false;
        }
        switch (view.status()) {
            case COMPLETED:
                return true;
            case KILLED:
                throw new BackgroundTaskKilled("The background task was killed.");
            default:
                if (view.error() != null) {
                    throw view.error().toException();
                }
                throw new InternalError("The background task failed ("
                        + (view.status() == TaskRecord.Status.MISSING ? "mia" : "threw") + ").");
        }
    }

    @Override
    public void kill() {
        manager.kill(this);
    }

    @Override
    @OutsideTheSpecification("the equality of a Task handle in Java: no clause speaks of it")
    public boolean equals(Object other) {
        return other instanceof TaskHandle h && h.manager == manager && h.id.equals(id);
    }

    @Override
    @OutsideTheSpecification("the equality of a Task handle in Java: no clause speaks of it")
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    @OutsideTheSpecification("a Task handle's rendering: no clause speaks of it")
    public String toString() {
        return "Task[" + id + "]";
    }
}
