package dev.anvilcheck.server;

import static org.apiguardian.api.API.Status.STABLE;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * Marks a {@code Map<String, Object>} parameter of a server function or endpoint as the Java
 * counterpart of Python's {@code **kwargs} (a "var-keyword" parameter): it receives, read-only and
 * in the order given, every keyword argument that no named parameter takes. Without one, an
 * unexpected keyword argument raises {@code TypeError}, so an endpoint that does not declare every
 * query, form and path parameter it may receive fails with status 500 (HTTP-05).
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@API(status = STABLE, since = "0.1")
public @interface VarKeyword {}
