package dev.anvilcheck.tck.broken;

import dev.anvilcheck.spi.HttpSender;
import dev.anvilcheck.spi.RawHttpRequest;
import dev.anvilcheck.spi.RawHttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Breaks HTTP-27: a {@code Referer} from which no origin can be read is ignored, so that a
 * request carrying the browser's cookie and such a Referer runs in the browser's session, where
 * the App Server treats it as coming from another site. In memory only.
 */
@Breaks(value = "HTTP-27", bug = "an unreadable Referer counts as the app's own site")
public final class UnreadableRefererIsSameSite extends DelegatingProvider {
    @Override
    protected RawHttpResponse send(HttpSender sender, RawHttpRequest request) {
        String referer = request.header("referer");
        if (referer == null || referer.matches("[^:/]+://[^/]+/.*")) {
            return sender.send(request);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>(request.headers());
        headers.keySet().removeIf(name -> name.equalsIgnoreCase("referer"));
        return sender.send(new RawHttpRequest(request.method(), request.target(), headers, request.body()));
    }
}
