package dev.anvilcheck.junit;

import dev.anvilcheck.runtime.TaskExecution;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against the reference runtime: every test (or, with {@link Lifecycle#PER_CLASS},
 * the class) gets an {@link dev.anvilcheck.runtime.AnvilRuntime} with the server functions of
 * {@link #modules()} registered, a {@link dev.anvilcheck.runtime.FakeClock}, and a
 * {@linkplain dev.anvilcheck.runtime.CallJournal journal} of every call; test and lifecycle
 * methods receive them, and fresh callers, as parameters. It is the annotation form of
 * {@link AnvilExtension}; {@code AnvilExtension.newInstance()} in a {@code @RegisterExtension}
 * field is the programmatic form, with the same behaviour.
 *
 * <pre>{@code
 * @AnvilTest(modules = TicketTracker.class)
 * class TicketTest {
 *     @Test
 *     void strangersCannotCloseTickets(SimulatedBrowser ann, SimulatedBrowser bob) { ... }
 * }
 * }</pre>
 *
 * <p>Parameters it injects: {@code AnvilRuntime}, {@code FakeClock}, {@code CallJournal},
 * {@code BackgroundTasks}, {@code RuntimeFaults}, a new caller for each parameter of type
 * {@code SimulatedBrowser}, {@code SimulatedServerModule}, {@code SimulatedUplink},
 * {@code SimulatedClientUplink}, {@code SimulatedHttp}, {@code SimulatedBackgroundTask},
 * {@code SimulatedEmail} or {@code SimulatedScheduledTask}, and the registered instance of each
 * class in {@link #modules()}.
 *
 * @since 0.1
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(AnvilExtension.class)
public @interface AnvilTest {
    /**
     * The classes that hold the server functions ({@code @Callable}, {@code @BackgroundTask},
     * {@code @HttpEndpoint}, {@code @Route}, {@code @WellknownEndpoint} methods). A class with a
     * no-argument constructor is instantiated once per runtime and the instance registered; a class
     * without one must have only static server functions, and is registered as a class.
     *
     * @return the module classes
     */
    Class<?>[] modules() default {};

    /**
     * Whether each test gets a fresh runtime (the default) or the class shares one.
     *
     * @return the lifecycle
     */
    Lifecycle lifecycle() default Lifecycle.PER_TEST;

    /**
     * How background tasks run: on threads of their own, as on the platform (the default), or
     * queued until the test runs them with {@code BackgroundTasks.runAll()} (TASK-01).
     *
     * @return the task execution mode
     */
    TaskExecution tasks() default TaskExecution.THREADS;
}
