package dev.anvilcheck.runtime;

import dev.anvilcheck.runtime.internal.OutsideTheSpecification;
import dev.anvilcheck.server.Endpoint;
import dev.anvilcheck.server.PortableClasses;
import dev.anvilcheck.server.RequireUser;
import dev.anvilcheck.server.ServerFunction;
import dev.anvilcheck.server.Task;
import dev.anvilcheck.spi.Caller;
import dev.anvilcheck.spi.CallerKind;
import dev.anvilcheck.spi.Faults;
import dev.anvilcheck.spi.HttpSender;
import dev.anvilcheck.spi.RuntimeUnderTest;
import dev.anvilcheck.spi.TaskControl;
import dev.anvilcheck.spi.TimeControl;
import dev.anvilcheck.spi.UplinkCaller;
import dev.anvilcheck.spi.UplinkEndpoint;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The SPI's view of one {@link AnvilRuntime}: what {@link ReferenceRuntimeProvider#start()} hands
 * the conformance suite. Every SPI method maps to the runtime's public API one to one (probe
 * functions are registered as server code, each {@link CallerKind} is a simulated caller, the
 * {@link FakeClock} is the {@link TimeControl}), so a provider that wants the reference runtime
 * configured otherwise (timeouts, session lifetime, task retention) builds its own
 * {@link AnvilRuntime} and adapts it here.
 *
 * @since 0.1
 */
public final class ReferenceRuntimeAdapter {
    private ReferenceRuntimeAdapter() {}

    /**
     * Adapts a runtime built with a {@link FakeClock}; closing the adapter closes the runtime.
     *
     * @param runtime the runtime
     * @return the runtime under test
     * @throws IllegalStateException if the runtime does not read a {@link FakeClock}
     */
    public static RuntimeUnderTest adapt(AnvilRuntime runtime) {
        return new Adapted(Objects.requireNonNull(runtime, "runtime"));
    }

    private static final class Adapted implements RuntimeUnderTest {
        private final AnvilRuntime runtime;
        private final FakeClock clock;
        private final TaskControl tasks;

        Adapted(AnvilRuntime runtime) {
            this.runtime = runtime;
            this.clock = runtime.fakeClock();
            this.tasks = new Tasks(runtime.tasks());
        }

        @Override
        public void register(String name, RequireUser requireUser, ServerFunction body) {
            runtime.addFunction(name, requireUser, body);
        }

        @Override
        public void registerModule(Object module) {
            runtime.addModule(module);
        }

        @Override
        public void registerPortableClass(Class<?> type, String name) {
            runtime.addPortableClass(type, name == null ? PortableClasses.defaultName(type) : name);
        }

        @Override
        public void registerBackgroundTask(String name, ServerFunction body) {
            runtime.addBackgroundTask(name, body);
        }

        @Override
        public TaskControl tasks() {
            return tasks;
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
            runtime.addEndpoint(endpoint, body);
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
        public UplinkEndpoint uplinkEndpoint() {
            if (runtime.uplinkKey() == null || runtime.clientUplinkKey() == null) {
                throw withoutUplinkKeys();
            }
            return new UplinkEndpoint(runtime.uplinkUri(), runtime.uplinkKey(), runtime.clientUplinkKey());
        }

        @OutsideTheSpecification("the refusal's message for a runtime built without uplink keys, which names the missing"
                + " key; the suite's provider always sets both")
        private UnsupportedOperationException withoutUplinkKeys() {
            return new UnsupportedOperationException("this reference runtime was built without "
                    + (runtime.uplinkKey() == null ? "a server uplink key" : "a client uplink key")
                    + " (AnvilRuntime.Builder.uplinkKey and clientUplinkKey), so it accepts no uplinks of both"
                    + " kinds");
        }

        @Override
        public void addUser(String email, String password, Object user) {
            runtime.addAccount(email, password, user);
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
            return runtime.faults(); // the runtime's own switches: one implementation of each fault
        }

        @Override
        @OutsideTheSpecification("the runtime's own lifecycle: no clause speaks of closing a runtime")
        public void close() {
            runtime.close();
        }
    }

    /** {@link BackgroundTasks} as the SPI's {@link TaskControl}. */
    private record Tasks(BackgroundTasks tasks) implements TaskControl {
        @Override
        @OutsideTheSpecification("the suite's wait for a task to end (TaskControl), a harness hook no clause states:"
                + " a wrong answer shows as a failed or early wait, not as a clause's behaviour")
        public boolean awaitTermination(Task task, Duration timeout) {
            return tasks.awaitTermination(task, timeout);
        }

        @Override
        public int retention() {
            return tasks.retention();
        }

        @OutsideTheSpecification("the deterministic task mode (TaskControl), reachable only with a provider built"
                + " for it, which the mutation run does not use")
        @Override
        public int pending() {
            requireDeterministic();
            return tasks.pending();
        }

        @Override
        @OutsideTheSpecification("deterministic task mode, certified by DeterministicTasksConformanceTest, not the mutation run")
        public int runPending() {
            requireDeterministic();
            return tasks.runAll();
        }

        @Override
        public void workerDies(Task task) {
            tasks.workerDies(task);
        }

        @Override
        public void executorForgets(Task task) {
            tasks.executorForgets(task);
        }

        @OutsideTheSpecification("the deterministic task mode (TaskControl), reachable only with a provider built"
                + " for it, which the mutation run does not use")
        private void requireDeterministic() {
            if (tasks.execution() != TaskExecution.DETERMINISTIC) {
                throw new UnsupportedOperationException("this runtime runs background tasks on threads of their"
                        + " own; it does not declare Feature.DETERMINISTIC_TASKS");
            }
        }
    }
}
