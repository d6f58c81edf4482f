package dev.anvilcheck.server;

import static org.apiguardian.api.API.Status.STABLE;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * Serves a method at {@code <app origin>/_/api<path>} ({@code @anvil.server.http_endpoint(path, ...)}, HTTP-01). Path parameters
 * {@code :name} match one segment, possibly empty, and arrive as {@code String} keyword arguments;
 * the keyword arguments are the form parameters, overridden by the query parameters, overridden by
 * the path parameters (HTTP-03..05). Parameters bind keyword arguments by name (compile with
 * {@code -parameters}, or registration refuses the method); a {@code Map<String, Object>} parameter annotated {@link VarKeyword}
 * receives every keyword argument no other parameter takes, like Python's {@code **kwargs};
 * parameters of type {@link HttpRequest}, {@link CallContext} and {@link Session} are injected. The
 * return value becomes the response (HTTP-11..15).
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@API(status = STABLE, since = "0.1")
public @interface HttpEndpoint {
    /**
     * The path pattern, e.g. {@code /users/:id} (Python's {@code path}).
     *
     * @return the path
     */
    String value();

    /**
     * The accepted methods; any other gets 405 with an {@code Allow} header (HTTP-06).
     *
     * @return the methods, upper case
     */
    String[] methods() default {"GET", "POST"};

    /**
     * Whether cross-origin requests are allowed ({@code enable_cors=True}, HTTP-07): responses carry
     * {@code Access-Control-Allow-Origin: *} and OPTIONS preflights are answered.
     *
     * @return true to allow any origin
     */
    boolean enableCors() default false;

    /**
     * The one origin allowed ({@code enable_cors="https://..."}, HTTP-07); non-empty implies
     * {@link #enableCors()}.
     *
     * @return the allowed origin, or empty
     */
    String corsOrigin() default "";

    /**
     * Whether HTTP Basic credentials must be present, else 401 (HTTP-08).
     *
     * @return true to require credentials
     */
    boolean requireCredentials() default false;

    /**
     * Whether to log a user in with the Basic credentials as email and password, else 401 (HTTP-09).
     *
     * @return true to authenticate users
     */
    boolean authenticateUsers() default false;

    /**
     * Whether a request from another site runs in the browser's session anyway (HTTP-27).
     *
     * @return true to keep the browser's session across sites
     */
    boolean crossSiteSession() default false;
}
