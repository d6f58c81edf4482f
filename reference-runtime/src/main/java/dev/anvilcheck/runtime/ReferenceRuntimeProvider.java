package dev.anvilcheck.runtime;

import dev.anvilcheck.server.Endpoint;
import dev.anvilcheck.server.RequireUser;
import dev.anvilcheck.server.ServerFunction;
import dev.anvilcheck.server.Task;
import dev.anvilcheck.spi.Caller;
import dev.anvilcheck.spi.CallerKind;
import dev.anvilcheck.spi.Faults;
import dev.anvilcheck.spi.Feature;
import dev.anvilcheck.spi.HttpSender;
import dev.anvilcheck.spi.RuntimeProvider;
import dev.anvilcheck.spi.RuntimeUnderTest;
import dev.anvilcheck.spi.TaskControl;
import dev.anvilcheck.spi.TimeControl;
import dev.anvilcheck.spi.UplinkCaller;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Plugs the reference runtime into the conformance suite (found by {@link java.util.ServiceLoader}).
 * It declares every optional feature its task execution mode allows (with
 * {@link TaskExecution#THREADS}, {@link Feature#CONCURRENT_TASKS}; with
 * {@link TaskExecution#DETERMINISTIC}, {@link Feature#DETERMINISTIC_TASKS}), and doubles as the
 * example of a provider for a runtime with a Java API.
 *
 * @since 0.1
 */
public final class ReferenceRuntimeProvider implements RuntimeProvider {
    private final TaskExecution taskExecution;

    /** Creates the provider, with background tasks on threads; {@link java.util.ServiceLoader} calls this. */
    public ReferenceRuntimeProvider() {
        this(TaskExecution.THREADS);
    }

    /**
     * Creates a provider whose runtimes run background tasks as {@code taskExecution} says, e.g. to
     * certify the deterministic mode as well (select it by class name or wrap it in a provider).
     *
     * @param taskExecution how the runtimes run background tasks
     */
    public ReferenceRuntimeProvider(TaskExecution taskExecution) {
        this.taskExecution = Objects.requireNonNull(taskExecution, "taskExecution");
    }

    @Override
    public String name() {
        return taskExecution == TaskExecution.THREADS ? "anvilcheck reference runtime"
                : "anvilcheck reference runtime (deterministic tasks)";
    }

    @Override
    public Set<Feature> features() {
        EnumSet<Feature> features = EnumSet.allOf(Feature.class);
        features.remove(Feature.UPLINK_WIRE);
        features.remove(taskExecution == TaskExecution.THREADS ? Feature.DETERMINISTIC_TASKS
                : Feature.CONCURRENT_TASKS);
        return Set.copyOf(features);
    }

    @Override
    public RuntimeUnderTest start() {
        FakeClock clock = FakeClock.create();
        AnvilRuntime runtime = AnvilRuntime.builder().clock(clock).taskExecution(taskExecution).build();
        BackgroundTasks tasks = runtime.tasks();
        TaskControl taskControl = new TaskControl() {
            @Override
            public boolean awaitTermination(Task task, Duration timeout) {
                return tasks.awaitTermination(task, timeout);
            }

            @Override
            public int retention() {
                return tasks.retention();
            }

            @Override
            public int pending() {
                requireDeterministic();
                return tasks.pending();
            }

            @Override
            public int runPending() {
                requireDeterministic();
                return tasks.runAll();
            }

            private void requireDeterministic() {
                if (taskExecution != TaskExecution.DETERMINISTIC) {
                    throw new UnsupportedOperationException("this runtime runs background tasks on threads of their"
                            + " own; it does not declare Feature.DETERMINISTIC_TASKS");
                }
            }

            @Override
            public void workerDies(Task task) {
                tasks.workerDies(task);
            }

            @Override
            public void executorForgets(Task task) {
                tasks.executorForgets(task);
            }
        };
        return new RuntimeUnderTest() {
            @Override
            public void register(String name, RequireUser requireUser, ServerFunction body) {
                runtime.register(name, requireUser, body);
            }

            @Override
            public void registerPortableClass(Class<?> type, String name) {
                if (name == null) {
                    runtime.registerPortableClass(type);
                } else {
                    runtime.registerPortableClass(type, name);
                }
            }

            @Override
            public void registerBackgroundTask(String name, ServerFunction body) {
                runtime.registerBackgroundTask(name, body);
            }

            @Override
            public TaskControl tasks() {
                return taskControl;
            }

            @Override
            public Caller caller(CallerKind kind) {
                return switch (kind) {
                    case BROWSER -> runtime.browser();
                    case SERVER_MODULE -> runtime.serverModule();
                    case UPLINK -> runtime.uplink();
                    case CLIENT_UPLINK -> runtime.clientUplink();
                    case HTTP -> runtime.http();
                    case BACKGROUND_TASK -> runtime.backgroundTask();
                    case EMAIL -> runtime.email();
                    case SCHEDULED_TASK -> runtime.scheduledTask();
                };
            }

            @Override
            public UplinkCaller uplink() {
                return runtime.uplink();
            }

            @Override
            public void registerEndpoint(Endpoint endpoint, ServerFunction body) {
                runtime.registerEndpoint(endpoint, body);
            }

            @Override
            public HttpSender http() {
                return runtime.http();
            }

            @Override
            public URI listen() {
                return runtime.listen();
            }

            @Override
            public void addUser(String email, String password, Object user) {
                runtime.addUser(email, password, user);
            }

            @Override
            public ZoneId serverZone() {
                return runtime.zone();
            }

            @Override
            public Duration callTimeout() {
                return runtime.callTimeout();
            }

            @Override
            public TimeControl time() {
                return clock;
            }

            @Override
            public Faults faults() {
                return new Faults() {
                    @Override
                    public void appOffline(boolean offline) {
                        runtime.setAppOffline(offline);
                    }

                    @Override
                    public void quotaExceeded(boolean exceeded) {
                        runtime.setQuotaExceeded(exceeded);
                    }
                };
            }

            @Override
            public void close() {
                runtime.close();
            }
        };
    }
}
