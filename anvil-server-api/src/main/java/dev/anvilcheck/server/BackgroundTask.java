package dev.anvilcheck.server;

import static org.apiguardian.api.API.Status.STABLE;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * Registers a method as a background task ({@code @anvil.server.background_task}): it can be
 * started with {@link AnvilServer#launchBackgroundTask(String, Object...)} and runs in its own
 * session (TASK-01, SESS-14). The name defaults to the method's name; {@link #value()} overrides
 * it. The function is registered as {@code task:<name>}, so {@code call("<name>")} does not reach
 * it (CALL-12) unless the same method is also annotated {@link Callable}, which registers it
 * independently under its callable name (TASK-24). Parameters bind as for {@link Callable}.
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@API(status = STABLE, since = "0.1")
public @interface BackgroundTask {
    /** The prefix of the name under which a background task's function is registered (CALL-12). */
    String NAME_PREFIX = "task:";

    /**
     * The task name; empty means the method's name.
     *
     * @return the name, without the {@code task:} prefix
     */
    String value() default "";
}
