/**
 * The building blocks every host of server code shares, so that a function behaves the same
 * wherever it is provided: the binder of annotated server code ({@link
 * dev.anvilcheck.hosting.MethodBinder}: {@code @Callable} and {@code @BackgroundTask} methods into
 * {@link dev.anvilcheck.hosting.BoundFunction}s, with keyword arguments, conversions, injection and
 * {@code TypeError}s naming function and parameter), the {@code require_user} check ({@link
 * dev.anvilcheck.hosting.UserCheck}, AUTH-01..04), the platform's {@code http_endpoint} wrapper
 * ({@link dev.anvilcheck.hosting.EndpointWrapper}: credentials, methods, CORS, keyword arguments,
 * the return value as a reply, HTTP-01..29) with the request, reply, path pattern and parameter
 * decoding it uses, the endpoint scanner, and {@link dev.anvilcheck.hosting.LogEscape}, the one
 * escaping rule for text from outside in log lines. The reference runtime, the Java uplink client
 * and serve mode all use it; another runtime may too. Its types are experimental: they may change
 * in a minor release.
 *
 * @since 0.1
 */
package dev.anvilcheck.hosting;
