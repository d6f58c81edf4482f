package dev.anvilcheck.tck.broken;

import dev.anvilcheck.spi.HttpSender;
import dev.anvilcheck.spi.RawHttpRequest;
import dev.anvilcheck.spi.RawHttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Breaks HTTP-10: Basic credentials written in the URL-safe Base64 alphabet ({@code -} and
 * {@code _}) give none, as with a decoder of the standard alphabet only that fails on them, where
 * commons-codec decodes both alphabets. In memory only.
 */
@Breaks(value = "HTTP-10", bug = "Basic credentials in the URL-safe Base64 alphabet ignored")
public final class UrlSafeBasicCredentialsIgnored extends DelegatingProvider {
    @Override
    protected RawHttpResponse send(HttpSender sender, RawHttpRequest request) {
        String authorization = request.header("authorization");
        if (authorization == null || !authorization.startsWith("Basic ")
                || !authorization.substring(6).matches(".*[-_].*")) {
            return sender.send(request);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>(request.headers());
        headers.keySet().removeIf(name -> name.equalsIgnoreCase("authorization"));
        return sender.send(new RawHttpRequest(request.method(), request.target(), headers, request.body()));
    }
}
