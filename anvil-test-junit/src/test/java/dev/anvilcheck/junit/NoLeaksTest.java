package dev.anvilcheck.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.anvilcheck.junit.fixtures.FixtureOnly;
import dev.anvilcheck.junit.fixtures.Fixtures;
import dev.anvilcheck.runtime.AnvilRuntime;
import dev.anvilcheck.runtime.BackgroundTasks;
import dev.anvilcheck.runtime.SimulatedServerModule;
import dev.anvilcheck.server.Task;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opentest4j.AssertionFailedError;

/** After each test no thread, socket or task of its runtime is left (CONVENTIONS 7). */
class NoLeaksTest {
    static final List<Integer> PORTS = new CopyOnWriteArrayList<>();
    static final Set<Thread> TASK_THREADS = ConcurrentHashMap.newKeySet();
    static final CountDownLatch RELEASE_STUBBORN = new CountDownLatch(1);

    @Test
    void listenerTaskThreadsAndSocketsEndWithTheTest() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        Fixtures.run(Leaky.class).testEvents().assertStatistics(s -> s.succeeded(2).failed(0));
        assertThat(PORTS).hasSize(2);
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!before.contains(t) && t.getName().startsWith("anvilcheck")) {
                t.join(TimeUnit.SECONDS.toMillis(5));
                assertThat(t.isAlive()).as("thread %s", t.getName()).isFalse();
            }
        }
        assertThat(TASK_THREADS).isNotEmpty().noneMatch(Thread::isAlive);
        for (int port : PORTS) {
            assertThatThrownBy(() -> connect(port)).isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void aTaskThatIgnoresInterruptionFailsItsTest() throws Exception {
        try {
            Fixtures.run(Stubborn.class).testEvents().assertThatEvents().haveExactly(1, event(test("stuck"),
                    finishedWithFailure(instanceOf(AssertionFailedError.class),
                            message(m -> m.contains("background task threads still run")
                                    && m.contains("ignored being interrupted")))));
        } finally {
            RELEASE_STUBBORN.countDown();
        }
    }

    private static void connect(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getPort();
        }
    }

    @FixtureOnly
    @AnvilTest
    static class Leaky {
        private static void startWaitingTask(AnvilRuntime runtime, SimulatedServerModule server, BackgroundTasks tasks)
                throws InterruptedException {
            CountDownLatch started = new CountDownLatch(1);
            runtime.registerBackgroundTask("wait", args -> {
                TASK_THREADS.add(Thread.currentThread());
                started.countDown();
                new CountDownLatch(1).await();
                return null;
            });
            Task task = server.launchBackgroundTask("wait");
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(task.isRunning()).isTrue();
            assertThat(tasks.liveThreads()).isNotEmpty();
        }

        @Test
        void first(AnvilRuntime runtime, SimulatedServerModule server, BackgroundTasks tasks) throws Exception {
            URI origin = runtime.listen();
            PORTS.add(origin.getPort());
            connect(origin.getPort());
            startWaitingTask(runtime, server, tasks);
        }

        @Test
        void second(AnvilRuntime runtime, SimulatedServerModule server, BackgroundTasks tasks) throws Exception {
            URI origin = runtime.listen();
            PORTS.add(origin.getPort());
            startWaitingTask(runtime, server, tasks);
        }
    }

    @FixtureOnly
    static class Stubborn {
        @RegisterExtension
        static AnvilExtension anvil = AnvilExtension.newInstance()
                .configure(builder -> builder.taskShutdownGrace(Duration.ofMillis(50))).build();

        @Test
        void stuck(AnvilRuntime runtime, SimulatedServerModule server) throws Exception {
            CountDownLatch started = new CountDownLatch(1);
            runtime.registerBackgroundTask("stubborn", args -> {
                started.countDown();
                boolean released = false;
                while (!released) {
                    try {
                        released = RELEASE_STUBBORN.await(1, TimeUnit.MINUTES);
                    } catch (InterruptedException ignoredOnPurpose) {
                        released = RELEASE_STUBBORN.getCount() == 0;
                    }
                }
                return null;
            });
            server.launchBackgroundTask("stubborn");
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        }
    }
}
