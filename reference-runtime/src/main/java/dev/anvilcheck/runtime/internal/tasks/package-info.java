/**
 * Background tasks of the reference runtime (TASK-01..25): the task manager, task records,
 * handles, the live {@code task_state}, and the two ways tasks run (a thread each, or queued until
 * a test runs them). Calls reach this package only through
 * {@link dev.anvilcheck.runtime.internal.TaskService}.
 */
package dev.anvilcheck.runtime.internal.tasks;
