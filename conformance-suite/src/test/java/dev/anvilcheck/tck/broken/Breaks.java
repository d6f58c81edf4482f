package dev.anvilcheck.tck.broken;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The clause a deliberately broken runtime violates (CONVENTIONS 4): {@code BrokenRuntimesTest} runs the
 * suite against it on the clause's area (or {@link #areas()}) and requires that the suite fails
 * it on that clause, with a message in the suite's template.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Breaks {
    /**
     * The clause broken, e.g. {@code AUTH-01}.
     *
     * @return the clause ID
     */
    String value();

    /**
     * The bug, in a few words, for {@code broken-runtimes.json}.
     *
     * @return the description
     */
    String bug();

    /**
     * The areas to run the suite on; empty for the clause's own area.
     *
     * @return the areas
     */
    String[] areas() default {};
}
