package dev.anvilcheck.tck.broken;

import dev.anvilcheck.spi.HttpSender;
import dev.anvilcheck.spi.RawHttpRequest;
import dev.anvilcheck.spi.RawHttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Breaks HTTP-24: a request body arrives as Media without the name its
 * {@code Content-Disposition: attachment; filename="..."} header gives, as a runtime that read only
 * the content type would serve it. In memory only: over the socket the request arrives whole.
 */
@Breaks(value = "HTTP-24", bug = "the request body's Media has no name")
public final class RequestBodyNamesLost extends DelegatingProvider {
    @Override
    protected RawHttpResponse send(HttpSender sender, RawHttpRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>(request.headers());
        headers.keySet().removeIf(name -> name.equalsIgnoreCase("content-disposition"));
        return sender.send(new RawHttpRequest(request.method(), request.target(), headers, request.body()));
    }
}
