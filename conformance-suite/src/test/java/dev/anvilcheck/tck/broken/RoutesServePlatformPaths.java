package dev.anvilcheck.tck.broken;

import dev.anvilcheck.spi.HttpSender;
import dev.anvilcheck.spi.RawHttpRequest;
import dev.anvilcheck.spi.RawHttpResponse;

/**
 * Breaks HTTP-01: a path under {@code /_/} other than {@code /_/api/} reaches the app's routes as
 * any other path does (emulated in memory by sending it with its underscore percent-encoded, which
 * the reference runtime matches against the routes).
 */
@Breaks(value = "HTTP-01", bug = "routes serve the platform's own /_/ paths")
public final class RoutesServePlatformPaths extends DelegatingProvider {
    @Override
    protected RawHttpResponse send(HttpSender sender, RawHttpRequest request) {
        String target = request.target();
        if (!target.startsWith("/_/") || target.startsWith("/_/api/")) {
            return sender.send(request);
        }
        return sender.send(new RawHttpRequest(request.method(), "/%5F" + target.substring(2), request.headers(),
                request.body()));
    }
}
