package dev.anvilcheck.server;

import static org.apiguardian.api.API.Status.STABLE;

import dev.anvilcheck.media.Media;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * The HTTP request an endpoint function is serving ({@code anvil.server.request}); available only
 * while an endpoint runs (HTTP-20..26).
 *
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public interface HttpRequest {
    /**
     * The path relative to the endpoint origin (HTTP-21).
     *
     * @return the path
     */
    String path();

    /**
     * The method, upper case (HTTP-21).
     *
     * @return the method
     */
    String method();

    /**
     * The decoded query parameters; a repeated key holds a list of strings (HTTP-23).
     *
     * @return the query parameters
     */
    Map<String, Object> queryParams();

    /**
     * The decoded form parameters of a form-encoded body (HTTP-23).
     *
     * @return the form parameters
     */
    Map<String, Object> formParams();

    /**
     * The {@code Origin} header, or {@code null} (HTTP-21).
     *
     * @return the origin
     */
    String origin();

    /**
     * The headers, keyed by lower-case name, without the platform's session cookies (HTTP-22).
     *
     * @return the headers
     */
    Map<String, String> headers();

    /**
     * The client's IP address (HTTP-21).
     *
     * @return the remote address
     */
    String remoteAddress();

    /**
     * The body as Media, or {@code null} without a body (HTTP-24).
     *
     * @return the body
     */
    Media body();

    /**
     * The decoded JSON body when the content type is {@code application/json} (parameters such as
     * {@code charset} may be ignored, Q-07), else {@code null}; decoded once (HTTP-25). As
     * Python's {@code json.loads}, a body that is not JSON raises {@code ValueError}, which, if
     * the endpoint does not catch it, gives status 500 (HTTP-17).
     *
     * @return the decoded body: {@code Long}, {@code Double}, {@code String}, {@code Boolean},
     *     {@code List}, {@code Map} or {@code null}
     * @throws dev.anvilcheck.python.ValueError if the body is not JSON
     */
    Object bodyJson();

    /**
     * The Basic-auth user name, or {@code null} (HTTP-26).
     *
     * @return the user name
     */
    String username();

    /**
     * The Basic-auth password, or {@code null} (HTTP-26).
     *
     * @return the password
     */
    String password();

    /**
     * The authenticated user with {@code authenticateUsers}, else {@code null} (HTTP-09).
     *
     * @return the user
     */
    Object user();
}
