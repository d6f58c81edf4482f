package dev.anvilcheck.server;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * How an HTTP endpoint is exposed: the decorator ({@link Kind}), its path pattern and its options,
 * exactly the parameters of {@code @anvil.server.http_endpoint}, {@code @route} and
 * {@code @wellknown_endpoint} (HTTP-01..09, HTTP-27). It is what the annotations
 * {@link HttpEndpoint}, {@link Route} and {@link WellknownEndpoint} say, for code that registers
 * endpoints without annotations: {@code Endpoint.http("/users/:id").withMethods("GET")}.
 *
 * @param kind which decorator
 * @param path the path pattern, e.g. {@code /users/:id} (HTTP-03)
 * @param methods the accepted methods (HTTP-06), by default {@code GET} and {@code POST}
 * @param allowOrigin {@code null} without CORS, {@code "*"} for {@code enable_cors=True}, else the
 *     one allowed origin (HTTP-07)
 * @param requireCredentials whether Basic credentials must be present (HTTP-08)
 * @param authenticateUsers whether to log a user in with them (HTTP-09)
 * @param crossSiteSession whether a cross-site request keeps the browser's session (HTTP-27)
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public record Endpoint(Kind kind, String path, List<String> methods, String allowOrigin, boolean requireCredentials,
        boolean authenticateUsers, boolean crossSiteSession) {

    /** The default methods (HTTP-06). */
    public static final List<String> DEFAULT_METHODS = List.of("GET", "POST");

    /**
     * Validates the record and copies the methods.
     *
     * @param kind which decorator
     * @param path the path pattern
     * @param methods the accepted methods
     * @param allowOrigin the CORS origin, or {@code null}
     * @param requireCredentials whether credentials are required
     * @param authenticateUsers whether users are authenticated
     * @param crossSiteSession whether cross-site requests keep the session
     */
    public Endpoint {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(path, "path");
        methods = List.copyOf(methods == null ? DEFAULT_METHODS : methods);
        if (kind == Kind.WELLKNOWN && !path.startsWith("/")) {
            throw new dev.anvilcheck.python.ValueError("A wellknown_endpoint path must start with '/': " + path);
        }
    }

    /**
     * An {@code @http_endpoint(path)} with the default options.
     *
     * @param path the path pattern, served under {@code /_/api}
     * @return the endpoint
     */
    public static Endpoint http(String path) {
        return new Endpoint(Kind.HTTP_ENDPOINT, path, DEFAULT_METHODS, null, false, false, false);
    }

    /**
     * A {@code @route(path)} with the default options.
     *
     * @param path the path pattern, served at the app's root
     * @return the endpoint
     */
    public static Endpoint route(String path) {
        return new Endpoint(Kind.ROUTE, path, DEFAULT_METHODS, null, false, false, false);
    }

    /**
     * A {@code @wellknown_endpoint(path)} with the default options.
     *
     * @param path the path pattern, served under {@code /.well-known}
     * @return the endpoint
     */
    public static Endpoint wellknown(String path) {
        return new Endpoint(Kind.WELLKNOWN, path, DEFAULT_METHODS, null, false, false, false);
    }

    /**
     * The endpoint an annotation describes.
     *
     * @param annotation the annotation
     * @return the endpoint
     */
    public static Endpoint of(HttpEndpoint annotation) {
        return new Endpoint(Kind.HTTP_ENDPOINT, annotation.value(), Arrays.asList(annotation.methods()),
                origin(annotation.enableCors(), annotation.corsOrigin()), annotation.requireCredentials(),
                annotation.authenticateUsers(), annotation.crossSiteSession());
    }

    /**
     * The endpoint an annotation describes.
     *
     * @param annotation the annotation
     * @return the endpoint
     */
    public static Endpoint of(Route annotation) {
        return new Endpoint(Kind.ROUTE, annotation.value(), Arrays.asList(annotation.methods()),
                origin(annotation.enableCors(), annotation.corsOrigin()), annotation.requireCredentials(),
                annotation.authenticateUsers(), annotation.crossSiteSession());
    }

    /**
     * The endpoint an annotation describes.
     *
     * @param annotation the annotation
     * @return the endpoint
     */
    public static Endpoint of(WellknownEndpoint annotation) {
        return new Endpoint(Kind.WELLKNOWN, annotation.value(), Arrays.asList(annotation.methods()),
                origin(annotation.enableCors(), annotation.corsOrigin()), annotation.requireCredentials(),
                annotation.authenticateUsers(), annotation.crossSiteSession());
    }

    private static String origin(boolean enableCors, String corsOrigin) {
        if (!corsOrigin.isEmpty()) {
            return corsOrigin;
        }
        return enableCors ? "*" : null;
    }

    /**
     * This endpoint accepting other methods ({@code methods=[...]}, HTTP-06).
     *
     * @param accepted the methods, e.g. {@code "GET", "PUT"}
     * @return the endpoint
     */
    public Endpoint withMethods(String... accepted) {
        return new Endpoint(kind, path, Arrays.asList(accepted), allowOrigin, requireCredentials, authenticateUsers,
                crossSiteSession);
    }

    /**
     * This endpoint allowing any origin ({@code enable_cors=True}, HTTP-07).
     *
     * @return the endpoint
     */
    public Endpoint withCors() {
        return withCorsOrigin("*");
    }

    /**
     * This endpoint allowing one origin ({@code enable_cors="<origin>"}, HTTP-07).
     *
     * @param origin the origin sent as {@code Access-Control-Allow-Origin}
     * @return the endpoint
     */
    public Endpoint withCorsOrigin(String origin) {
        return new Endpoint(kind, path, methods, Objects.requireNonNull(origin, "origin"), requireCredentials,
                authenticateUsers, crossSiteSession);
    }

    /**
     * This endpoint requiring Basic credentials ({@code require_credentials=True}, HTTP-08).
     *
     * @return the endpoint
     */
    public Endpoint withRequireCredentials() {
        return new Endpoint(kind, path, methods, allowOrigin, true, authenticateUsers, crossSiteSession);
    }

    /**
     * This endpoint logging users in ({@code authenticate_users=True}, HTTP-09).
     *
     * @return the endpoint
     */
    public Endpoint withAuthenticateUsers() {
        return new Endpoint(kind, path, methods, allowOrigin, requireCredentials, true, crossSiteSession);
    }

    /**
     * This endpoint keeping the browser's session across sites ({@code cross_site_session=True},
     * HTTP-27).
     *
     * @return the endpoint
     */
    public Endpoint withCrossSiteSession() {
        return new Endpoint(kind, path, methods, allowOrigin, requireCredentials, authenticateUsers, true);
    }

    /**
     * The decorators that expose endpoints (HTTP-01), with the prefix each serves under.
     *
     * @since 0.1
     */
    public enum Kind {
        /** {@code @http_endpoint}: served under {@code /_/api}. */
        HTTP_ENDPOINT("/_/api"),
        /** {@code @route}: served at the app's root; may open the app (HTTP-19). */
        ROUTE(""),
        /** {@code @wellknown_endpoint}: served under {@code /.well-known}. */
        WELLKNOWN("/.well-known");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }

        /**
         * The URL prefix in front of the endpoint's path.
         *
         * @return the prefix, e.g. {@code /_/api}
         */
        public String prefix() {
            return prefix;
        }
    }
}
