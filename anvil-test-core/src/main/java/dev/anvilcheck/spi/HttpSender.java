package dev.anvilcheck.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Sends HTTP requests to the app of a runtime under test and returns the responses: in memory
 * (a runtime's own implementation, {@link RuntimeUnderTest#http()}) or over a real socket to the
 * origin {@link RuntimeUnderTest#listen()} opened. Both must give the same results (HTTP-01..29).
 *
 * @since 0.1
 */
@FunctionalInterface
@API(status = EXPERIMENTAL, since = "0.1")
public interface HttpSender {
    /**
     * Sends one request and waits for its response.
     *
     * @param request the request
     * @return the response
     */
    RawHttpResponse send(RawHttpRequest request);
}
