package dev.anvilcheck.tck;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * States why an {@code untested_} conformance test does not verify its clause (STYLE 1): the
 * {@link ConformanceExtension} always aborts such a test with "not verified by this suite" and this
 * reason, so that gaps stay visible in every report.
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Untested {
    /**
     * Why the clause is not verified, e.g. that it is not observable through the SPI.
     *
     * @return the reason
     */
    String value();
}
