package dev.anvilcheck.tck;

import dev.anvilcheck.spi.Feature;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gates a conformance test (or every test of a class) on optional {@link Feature}s of the runtime
 * under test (CONVENTIONS 3). When the runtime's provider does not declare one of them, the
 * {@link ConformanceExtension} aborts the test with a reason naming the clause and the missing
 * feature: the test is reported as not applicable, never as passed. Only {@code optional_} tests
 * may be gated.
 *
 * @since 0.1
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RequiresFeature {
    /**
     * The features the test needs, all of them.
     *
     * @return the features
     */
    Feature[] value();
}
