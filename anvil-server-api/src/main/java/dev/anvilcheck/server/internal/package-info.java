/**
 * Not an API: the endpoint logic that both ends of an HTTP request share, so that an endpoint
 * behaves the same whether a runtime's server code or an uplink provides it (HTTP-01..29). The
 * platform's {@code http_endpoint} wrapper ({@link dev.anvilcheck.server.internal.EndpointWrapper}:
 * credentials, methods, CORS, keyword arguments, the return value as a reply), the request that
 * {@code anvil.server.request} shows ({@link dev.anvilcheck.server.internal.EndpointRequest}) and
 * the keyword arguments it travels as, the reply dictionary
 * ({@link dev.anvilcheck.server.internal.EndpointReply}), path patterns and parameter decoding.
 * The reference runtime serves requests with it, and the Java uplink client runs the endpoints it
 * provides with it. {@link dev.anvilcheck.server.internal.LogEscape} is the one escaping rule of
 * log lines that both use for text from outside. Its classes may change in any release.
 *
 * @since 0.1
 */
package dev.anvilcheck.server.internal;
