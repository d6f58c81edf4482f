package dev.anvilcheck.runtime.internal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks code of the reference runtime that implements no clause of {@code spec/SEMANTICS.md}:
 * its own lifecycle (starting and closing threads and listeners), resource limits, provider
 * metadata, log lines. The conformance suite cannot fail a runtime for such code, so the suite's
 * mutation run (the {@code pit} profile of {@code conformance-suite}) does not mutate it; the
 * reason says why, and docs/CONFORMANCE.md lists every use. The runtime's own unit tests still
 * cover it.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR})
public @interface OutsideTheSpecification {
    /**
     * Why no clause speaks of the marked code.
     *
     * @return the reason, one sentence
     */
    String value();
}
